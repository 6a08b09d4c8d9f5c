/** A tiny typed event emitter in the spirit of mitt: the domain announces facts, the edges decide who hears them. */
export type Handler<T> = (event: T) => void;

export interface Emitter<Events extends Record<string, unknown>> {
  on<K extends keyof Events>(type: K, handler: Handler<Events[K]>): () => void;
  emit<K extends keyof Events>(type: K, event: Events[K]): void;
}

export function createEmitter<Events extends Record<string, unknown>>(): Emitter<Events> {
  const all = new Map<keyof Events, Set<Handler<never>>>();
  return {
    on(type, handler) {
      const set = all.get(type) ?? new Set<Handler<never>>();
      all.set(type, set);
      set.add(handler as Handler<never>);
      return () => set.delete(handler as Handler<never>);
    },
    emit(type, event) {
      for (const h of all.get(type) ?? []) (h as Handler<typeof event>)(event);
    },
  };
}
