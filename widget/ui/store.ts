import { useEffect, useState } from 'preact/hooks';

/** A tiny observable value: enough for the widget's few pieces of shared state. */
export interface Store<S> {
  get(): S;
  set(patch: Partial<S>): void;
  subscribe(fn: (s: S) => void): () => void;
}

export function createStore<S>(initial: S): Store<S> {
  let state = initial;
  const subs = new Set<(s: S) => void>();
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...patch };
      for (const fn of subs) fn(state);
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}

/** The read side of a store, which is all a view needs. */
export type Readable<S> = Pick<Store<S>, 'get' | 'subscribe'>;

export function useStore<S>(store: Readable<S>): S {
  const [state, setState] = useState(store.get());
  useEffect(() => {
    setState(store.get());
    return store.subscribe(setState);
  }, [store]);
  return state;
}
