import type { Identity, WidgetApp, WidgetEventName, WidgetEvents } from './contract.ts';

type Listener = (payload: unknown) => void;

/** What the commands act on; main.ts wires it to the launcher and the lazily loaded app. */
export interface CommandTarget {
  /** Runs `fn` once the app is mounted, loading it first if needed. */
  withApp(fn: (app: WidgetApp) => void): void;
  /** Calls `fn` only if the app is already mounted (close before load needs no download). */
  ifApp(fn: (app: WidgetApp) => void): void;
  identify(identity: Identity): void;
  log(...args: unknown[]): void;
}

export interface Commands {
  run(name: unknown, args: unknown[]): void;
  emit<E extends WidgetEventName>(event: E, payload: WidgetEvents[E]): void;
}

/** The `Parley(command, ...args)` dispatcher. Unknown commands and bad arguments are logged, never thrown. */
export function createCommands(target: CommandTarget): Commands {
  const listeners = new Map<string, Set<Listener>>();
  let ready = false;

  const emit: Commands['emit'] = (event, payload) => {
    if (event === 'ready') ready = true;
    for (const fn of listeners.get(event) ?? []) {
      try {
        fn(payload);
      } catch (e) {
        target.log(event, e);
      }
    }
  };

  const table: Record<string, (...a: unknown[]) => void> = {
    open: () => target.withApp((a) => a.open()),
    toggle: () => target.withApp((a) => a.toggle()),
    close: () => target.ifApp((a) => a.close()),
    search: (q) => target.withApp((a) => a.search(`${q || ''}`)),
    identify: (id) => {
      if (id && typeof id === 'object') target.identify(id as Identity);
    },
    on: (event, fn) => {
      if (typeof event !== 'string' || typeof fn !== 'function') return;
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set.add(fn as Listener));
      // A listener added after `ready` still hears it, so snippet order does not matter.
      if (event === 'ready' && ready) (fn as Listener)(undefined);
    },
    off: (event, fn) => {
      listeners.get(event as string)?.delete(fn as Listener);
    },
  };

  return {
    emit,
    run(name, args) {
      try {
        // hasOwn, not `in`: `Parley('constructor')` must not reach Object.prototype.
        if (typeof name !== 'string' || !Object.hasOwn(table, name)) throw 'unknown';
        table[name]!(...args);
      } catch (e) {
        target.log(name, e);
      }
    },
  };
}

/** Runs the calls the snippet queued (`Parley.q`) before this script loaded, in order. */
export function drainQueue(queued: unknown, run: Commands['run']): void {
  if (!Array.isArray(queued)) return;
  for (const call of queued) {
    const [name, ...args] = Array.from(call as ArrayLike<unknown>);
    run(name, args);
  }
}
