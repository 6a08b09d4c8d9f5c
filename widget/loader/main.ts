// Parley's loader: a classic script the host page includes with <script async src=".../widget.js">.
// It draws the launcher, owns `window.Parley`, and loads the app (Preact) only when the visitor shows intent.
import { createCommands, drainQueue } from './commands.ts';
import { baseFromSrc, fromDataset, fromSettings, resolveConfig } from './config.ts';
import type { AppModule, EmbedHost, Identity, WidgetApp } from './contract.ts';
import { createLauncher } from './launcher.ts';
import { adopt } from './shadow.ts';

type ParleyFn = ((...args: unknown[]) => void) & { q?: unknown; loaded?: boolean };

/** `make()` at most once at a time: callers share its promise, and a failure is forgotten so a later call retries. */
const once = <T>(make: () => Promise<T>) => {
  let p: Promise<T> | null = null;
  return () =>
    (p ||= make().catch((e) => {
      p = null;
      throw e;
    }));
};

function boot(script: HTMLScriptElement, w: Window & { Parley?: ParleyFn }): void {
  const base = baseFromSrc(script.src);
  const data = fromDataset(script.dataset);
  let config = resolveConfig(data, {}, navigator.language);
  const log = (...args: unknown[]) => {
    if (config.debug) console.warn('[parley]', ...args);
  };
  let identity: Identity | null = null;
  let app: WidgetApp | null = null;

  const launcher = createLauncher();
  launcher.apply(config);

  // Settings never block the launcher; the app waits for them (at most 3 s) so its greeting is right.
  const settings = Promise.race([
    fetch(`${base}api/widget/settings`)
      .then((r) => (r.ok ? r.json() : null))
      .then((s) => {
        config = resolveConfig(data, fromSettings(s), config.locale);
        launcher.apply(config);
      }),
    new Promise((r) => setTimeout(r, 3000)),
  ]).catch(log);

  // Its target uses loadApp, defined below; no command runs before that.
  const { emit, run } = createCommands({
    withApp: (fn) => {
      loadApp().then(fn).catch(log);
    },
    ifApp: (fn) => {
      if (app) fn(app);
    },
    identify: (id) => {
      identity = id;
      app?.identify(id);
    },
    log,
  });

  const host: EmbedHost = {
    base,
    get config() {
      return config;
    },
    root: launcher.root,
    container: launcher.container,
    launcher: launcher.button,
    identity: () => identity,
    adoptStyles: (css) => {
      adopt(launcher.root, css);
    },
    setOpen(open) {
      launcher.setOpen(open);
      emit(open ? 'open' : 'close', undefined);
    },
    setUnread(count, description) {
      launcher.setUnread(count, description);
      emit('unread', { count });
    },
    emit,
    log,
  };

  const loadModule = once(() => import(/* @vite-ignore */ `${base}widget/app.js`) as Promise<AppModule>);
  const loadApp = once(() => Promise.all([loadModule(), settings]).then(([m]) => (app = m.mount(host))));

  const button = launcher.button;
  const prefetch = () => loadModule().catch(log);
  button.addEventListener('pointerenter', prefetch);
  button.addEventListener('focus', prefetch);
  button.addEventListener('click', () => run('toggle', []));

  const queued = w.Parley?.q;
  const api: ParleyFn = (name, ...args) => run(name, args);
  api.loaded = true;
  w.Parley = api;
  drainQueue(queued, run);

  // Same key as ui/storage.ts storageKey(base) (inlined to keep the loader small).
  const visitorKey = `parley:${new URL(base).origin}:visitor`;
  // A conversation, from an earlier page or just started in another tab: load the app so the chat (and its
  // unread badge) come back. Only reads storage: nothing is written before the visitor engages.
  const resume = () => {
    try {
      if (JSON.parse(localStorage.getItem(visitorKey) || '{}').conversationId) loadApp().catch(log);
    } catch {}
  };
  resume();
  w.addEventListener('storage', (e) => e.key === visitorKey && resume());
  if (config.open) run('open', []);
  emit('ready', undefined);
}

// Never throw into the host page.
try {
  const w = window as Window & { Parley?: ParleyFn };
  const script = (document.currentScript ||
    document.querySelector('script[src*="widget.js"]')) as HTMLScriptElement | null;
  if (script && !w.Parley?.loaded) {
    const start = () => {
      try {
        boot(script, w);
      } catch (e) {
        if (script.dataset.debug !== undefined) console.warn('[parley]', e);
      }
    };
    if (document.body) start();
    else document.addEventListener('DOMContentLoaded', start);
  }
} catch {}
