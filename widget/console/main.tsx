import { render } from 'preact';
import { App } from './App.tsx';
import { createApi } from './api.ts';
import { type ConsoleDeps, DepsContext } from './deps.ts';
import { connectAgent } from './socket.ts';
import './console.css';
import './layout.css';
import './panes.css';
import './features.css';
import './topbar.css';

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
