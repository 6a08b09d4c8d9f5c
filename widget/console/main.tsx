import { render } from 'preact';
import { createApi } from './api.ts';
import { type ConsoleDeps, DepsContext } from './deps.ts';
import { App } from './shell/App.tsx';
import { connectAgent } from './socket.ts';
import './styles/console.css';
import './styles/layout.css';
import './styles/panes.css';
import './styles/features.css';
import './shell/topbar.css';

const deps: ConsoleDeps = { api: createApi(), connect: () => connectAgent(), now: Date.now };
const root = document.getElementById('root');
if (root) {
  render(
    <DepsContext.Provider value={deps}>
      <App />
    </DepsContext.Provider>,
    root,
  );
}
