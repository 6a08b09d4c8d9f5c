// The seam between the loader (tiny classic script) and the lazily loaded app.
// The app imports these types; the loader never imports the app.

export type Position = 'left' | 'right';

/** Settings after merging: data-* attributes > server settings > defaults. */
export interface WidgetConfig {
  color: string;
  position: Position;
  launcherLabel: string;
  greeting: string;
  /** BCP 47 tag; the app falls back to English for locales it has no table for. */
  locale: string;
  /** Open the panel as soon as the widget loads. */
  open: boolean;
  debug: boolean;
}

/** Passed by `Parley('identify', ...)`; `hash` is the site's HMAC of the email, verified by the server. */
export interface Identity {
  name?: string;
  email?: string;
  hash?: string;
}

/** Events a host page can listen to with `Parley('on', event, fn)`. */
export interface WidgetEvents {
  ready: undefined;
  open: undefined;
  close: undefined;
  /** A conversation with a person started. */
  escalated: { conversationId: string };
  /** A message from the agent side arrived. */
  message: { conversationId: string; text: string; authorName: string | null };
  unread: { count: number };
}
export type WidgetEventName = keyof WidgetEvents;

/** What the loader hands to the app's `mount`. */
export interface EmbedHost {
  /** Absolute URL of Parley's public root, ending with `/` (where widget.js came from). */
  readonly base: string;
  readonly config: Readonly<WidgetConfig>;
  /** The open shadow root; the app renders into `container`, which it owns. */
  readonly root: ShadowRoot;
  readonly container: HTMLElement;
  /** Focus goes back here when the panel closes. */
  readonly launcher: HTMLElement;
  /** The latest `identify` call, if any. */
  identity(): Identity | null;
  /** Adds CSS (a string) to the shadow root through adoptedStyleSheets. */
  adoptStyles(css: string): void;
  /** Keeps the launcher in step with the panel (aria-expanded, icon) and tells host-page listeners. */
  setOpen(open: boolean): void;
  /** The badge shows `count`; `description` (in the visitor's language, '' for none) is the launcher's description. */
  setUnread(count: number, description: string): void;
  emit<E extends WidgetEventName>(event: E, payload: WidgetEvents[E]): void;
  /** console.warn only when data-debug is set. */
  log(...args: unknown[]): void;
}

/** What `mount` returns: the loader forwards `Parley(...)` commands to it. */
export interface WidgetApp {
  open(): void;
  close(): void;
  toggle(): void;
  search(text: string): void;
  identify(identity: Identity): void;
}

/** Shape of the module at `<base>widget/app.js`. */
export interface AppModule {
  mount(host: EmbedHost): WidgetApp;
}
