import { useState } from 'preact/hooks';
import type { AgentDTO } from '../../../server/protocol/dto.ts';
import type { Drafts } from '../composer/drafts.ts';
import { AgentConsole } from './AgentConsole.tsx';
import { Header } from './Header.tsx';
import { LazyScreen } from './LazyScreen.tsx';
import { type Screen, screensFor } from './screens.ts';

interface Props {
  agent: AgentDTO;
  drafts: Drafts;
  onSignOut: () => void;
  /** The server stopped accepting the session. */
  onExpired: () => void;
  /** False while the session is gone; when it comes back, the realtime link reconnects. */
  live?: boolean;
}

/** The signed-in console. Editors, who do not answer visitors, get the content screens without a live link. */
export function Workspace(props: Props) {
  if (props.agent.role !== 'editor') return <AgentConsole {...props} />;
  return <EditorConsole {...props} />;
}

function EditorConsole({ agent, onSignOut, onExpired }: Props) {
  const screens = screensFor(agent.role);
  const [screen, setScreen] = useState<Screen>(screens[0] ?? 'gaps');
  return (
    <div class="console">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Header
        me={agent}
        link="connected"
        onSignOut={onSignOut}
        screens={screens}
        screen={screen}
        onScreen={setScreen}
      />
      <main id="main" class="page-main" tabIndex={-1}>
        <LazyScreen screen={screen === 'inbox' ? 'gaps' : screen} me={agent} onExpired={onExpired} />
      </main>
    </div>
  );
}
