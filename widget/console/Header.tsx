import type { AgentDTO } from '../../server/protocol/dto.ts';
import { StatusSwitch } from './StatusSwitch.tsx';
import type { LinkState } from './socket.ts';

interface Props {
  me: AgentDTO;
  link: LinkState;
  onStatus: (status: 'online' | 'away') => void;
  onSignOut: () => void;
}

const linkNotice: Partial<Record<LinkState, string>> = {
  connecting: 'Connecting…',
  disconnected: 'Connection lost. Reconnecting…',
  outdated: 'This console is out of date. Reload the page.',
};

/** The top bar: product, connection trouble (if any), the agent's availability and sign-out. */
export function Header({ me, link, onStatus, onSignOut }: Props) {
  const notice = linkNotice[link];
  return (
    <header class="topbar">
      <p class="brand">
        Parley <span class="brand-sub">Console</span>
      </p>
      <p class={`link-state ${notice ? 'is-visible' : ''}`} role="status">
        {notice ?? ''}
      </p>
      <div class="topbar-me">
        <StatusSwitch status={me.status} onChange={onStatus} disabled={link !== 'connected'} />
        <span class="me-name">{me.name}</span>
        <button type="button" class="btn btn-quiet" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
