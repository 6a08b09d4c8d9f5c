import type { AgentDTO } from '../../server/protocol/dto.ts';
import { StatusSwitch } from './StatusSwitch.tsx';
import { type Screen, screenLabels } from './screens.ts';
import type { LinkState } from './socket.ts';

interface Props {
  me: AgentDTO;
  link: LinkState;
  onStatus?: (status: 'online' | 'away') => void;
  onSignOut: () => void;
  screens: Screen[];
  screen: Screen;
  onScreen: (s: Screen) => void;
  /** Open conversations assigned to me; shown against my limit. */
  inUse?: number;
  onAlerts?: () => void;
  onHelp?: () => void;
}

const linkNotice: Partial<Record<LinkState, string>> = {
  connecting: 'Connecting…',
  disconnected: 'Connection lost. Reconnecting…',
  outdated: 'This console is out of date. Reload the page.',
};

/** The top bar: product and screens, connection trouble (if any), availability, capacity, alerts, sign-out. */
export function Header(props: Props) {
  const { me, link, screens, screen } = props;
  const notice = linkNotice[link];
  return (
    <header class="topbar">
      <p class="brand">
        Parley <span class="brand-sub">Console</span>
      </p>
      {(screens.length > 1 || !screens.includes(screen)) && (
        <nav class="screens" aria-label="Console">
          {screens.map((s) => (
            <button
              key={s}
              type="button"
              class={`screen-btn ${s === screen ? 'is-active' : ''}`}
              aria-current={s === screen ? 'page' : undefined}
              onClick={() => props.onScreen(s)}
            >
              {screenLabels[s]}
            </button>
          ))}
        </nav>
      )}
      <p class={`link-state ${notice ? 'is-visible' : ''}`} role="status">
        {notice ?? ''}
      </p>
      <div class="topbar-me">
        {props.inUse !== undefined && (
          <span
            class={`capacity ${props.inUse >= me.maxChats ? 'is-full' : ''}`}
            title="Open chats assigned to you"
          >
            <span class="visually-hidden">Chats in use: </span>
            {props.inUse}/{me.maxChats}
            <span aria-hidden="true"> chats</span>
          </span>
        )}
        {props.onStatus && (
          <StatusSwitch status={me.status} onChange={props.onStatus} disabled={link !== 'connected'} />
        )}
        {props.onAlerts && (
          <button type="button" class="btn btn-quiet" onClick={props.onAlerts}>
            Notifications
          </button>
        )}
        {props.onHelp && (
          <button
            type="button"
            class="btn btn-quiet btn-icon"
            onClick={props.onHelp}
            aria-label="Keyboard shortcuts"
          >
            ?
          </button>
        )}
        <button
          type="button"
          class={`btn btn-quiet me-name ${screen === 'account' ? 'is-active' : ''}`}
          aria-current={screen === 'account' ? 'page' : undefined}
          aria-label={`Your account: ${me.name}`}
          title="Your account and password"
          onClick={() => props.onScreen('account')}
        >
          {me.name}
        </button>
        <button type="button" class="btn btn-quiet" onClick={props.onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
