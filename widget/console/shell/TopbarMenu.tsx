import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AgentDTO } from '../../../server/protocol/dto.ts';
import { Face } from '../conversation/face.tsx';
import { Icon } from './icons.tsx';

interface Props {
  me: AgentDTO;
  /** Behind Menu (the window is narrower than the whole bar) rather than on the bar. */
  folded: boolean;
  /** The account screen is showing. */
  onAccount: boolean;
  onOpenAccount: () => void;
  onSignOut: () => void;
  onAlerts?: (() => void) | undefined;
  onHelp?: (() => void) | undefined;
  /** One's picture (`/api/avatars/...`), when set. */
  picture?: string | null | undefined;
}

/**
 * The top bar's secondary controls: notifications, shortcuts, one's account, sign-out. On a wide screen they
 * sit in the bar; folded, they are behind a Menu button, a disclosure that closes on Escape, on a click or
 * focus elsewhere, and once a control in it is used.
 */
export function TopbarMenu(props: Props) {
  const [open, setOpen] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  // Unfolded, the controls are on the bar again; the menu must not reopen by itself when the window narrows.
  useEffect(() => {
    if (!props.folded) setOpen(false);
  }, [props.folded]);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  // A layout effect: a click or Escape the moment the menu opens must already close it.
  useLayoutEffect(() => {
    if (!open) return;
    const outside = (e: Event) => !wrap.current?.contains(e.target as Node);
    const onPointer = (e: PointerEvent) => outside(e) && setOpen(false);
    const onFocus = (e: FocusEvent) => outside(e) && setOpen(false);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      // Before the console's own Escape (which closes the visitor drawer).
      e.stopPropagation();
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('focusin', onFocus);
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('focusin', onFocus);
      document.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  /** A control's action; from the open menu the keyboard first goes back to the Menu button (what a dialog returns to). */
  const choose = (action: () => void) => () => {
    if (open) close();
    action();
  };

  return (
    <div ref={wrap} class="topbar-menu">
      <button
        ref={toggle}
        type="button"
        class={`btn btn-quiet btn-icon topbar-menu-btn ${props.onAccount ? 'is-active' : ''}`}
        aria-expanded={open}
        aria-controls="topbar-more"
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
          <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" />
        </svg>
        <span class="visually-hidden">Menu</span>
      </button>
      <div id="topbar-more" class={`topbar-more ${open ? 'is-open' : ''}`}>
        {props.onAlerts && (
          <button
            type="button"
            class="btn btn-quiet btn-icon"
            title="Notifications"
            onClick={choose(props.onAlerts)}
          >
            <Icon name="bell" />
            <span class="visually-hidden menu-only">Notifications</span>
          </button>
        )}
        {props.onHelp && (
          <button
            type="button"
            class="btn btn-quiet btn-icon topbar-help"
            title="Keyboard shortcuts (?)"
            onClick={choose(props.onHelp)}
          >
            <Icon name="keyboard" />
            <span class="visually-hidden menu-only">Keyboard shortcuts</span>
          </button>
        )}
        <button
          type="button"
          class={`btn btn-quiet me-name ${props.onAccount ? 'is-active' : ''}`}
          aria-current={props.onAccount ? 'page' : undefined}
          aria-label={`Your account: ${props.me.name}`}
          title="Your account and password"
          onClick={choose(props.onOpenAccount)}
        >
          <span class="bar-only">
            <Face name={props.me.name} picture={props.picture} />
          </span>
          <span class="visually-hidden menu-only">Your account</span>
          <span class="me-name-text">{props.me.name}</span>
        </button>
        <button
          type="button"
          class="btn btn-quiet btn-icon"
          title="Sign out"
          onClick={choose(props.onSignOut)}
        >
          <Icon name="signOut" />
          <span class="visually-hidden menu-only">Sign out</span>
        </button>
      </div>
    </div>
  );
}
