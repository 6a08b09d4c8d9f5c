import type { AgentDTO } from '../../../server/protocol/dto.ts';
import { useOwnPicture } from '../account/avatar-api.ts';
import type { LinkState } from '../socket.ts';
import { useMediaQuery } from '../use-media-query.ts';
import { Icon } from './icons.tsx';
import { StatusSwitch } from './StatusSwitch.tsx';
import { type Screen, screenLabels, screenShortLabels } from './screens.ts';
import { TopbarMenu } from './TopbarMenu.tsx';

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

/**
 * Below these widths the whole bar no longer fits in one row, and its secondary controls fold behind Menu:
 * an admin's five screens need a wide window, an agent's two (or an editor's one) far less.
 */
const FOLD_MANY_SCREENS = '(max-width: 1220px)';
const FOLD_FEW_SCREENS = '(max-width: 980px)';

const linkNotice: Partial<Record<LinkState, string>> = {
  connecting: 'Connecting…',
  disconnected: 'Connection lost. Reconnecting…',
  outdated: 'This console is out of date. Reload the page.',
};

/**
 * The top bar: product and screens, connection trouble (if any), availability, capacity, then alerts, help,
 * one's account and sign-out (folded behind Menu when they do not fit). One row down to a tablet, two on a phone.
 */
export function Header(props: Props) {
  const { me, link, screens, screen } = props;
  const notice = linkNotice[link];
  const folded = useMediaQuery(screens.length > 2 ? FOLD_MANY_SCREENS : FOLD_FEW_SCREENS);
  const picture = useOwnPicture();
  return (
    <header class={`topbar ${folded ? 'is-folded' : ''}`}>
      <p class="brand">
        Parley <span class="brand-sub">Console</span>
      </p>
      {(screens.length > 1 || !screens.includes(screen)) && (
        <nav class="screens" aria-label="Console">
          {screens.map((s) => (
            <button
              key={s}
              type="button"
              class={`screen-btn ${s === screen ? 'is-active' : ''} ${screenShortLabels[s] ? 'has-short' : ''}`}
              aria-current={s === screen ? 'page' : undefined}
              onClick={() => props.onScreen(s)}
            >
              <Icon name={s} />
              <span class="screen-label">{screenLabels[s]}</span>
              {screenShortLabels[s] && (
                <span class="screen-label-short" aria-hidden="true">
                  {screenShortLabels[s]}
                </span>
              )}
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
        <TopbarMenu
          me={me}
          folded={folded}
          onAccount={screen === 'account'}
          onOpenAccount={() => props.onScreen('account')}
          onSignOut={props.onSignOut}
          onAlerts={props.onAlerts}
          onHelp={props.onHelp}
          picture={picture}
        />
      </div>
    </header>
  );
}
