import type { PageContext } from '../../server/protocol/dto.ts';
import type { VisitorSessionResponse } from '../../server/protocol/http.ts';
import { readJson, type StoredVisitor, storageKey, writeJson } from '../ui/storage.ts';

/** The visitor's token and conversation, in localStorage under a key namespaced by Parley's origin. */
export interface SessionStore {
  get(): StoredVisitor | null;
  /** Asks the server for a new visitor token (first message, or after the old one was refused). */
  create(context: PageContext): Promise<StoredVisitor>;
  setConversation(id: string | null): void;
  clear(): void;
  /** Calls `fn` when another tab changes the stored visitor (storage events); returns an unsubscribe. */
  watch?(fn: () => void): () => void;
}

export function createSessionStore(
  base: string,
  fetchFn: typeof fetch = (...a) => fetch(...a),
): SessionStore {
  const key = storageKey(base);
  let memory = readJson<StoredVisitor>(key);
  const save = (v: StoredVisitor | null) => {
    memory = v;
    writeJson(key, v); // when storage is refused, the session lives for this page only
  };
  return {
    get: () => memory,
    async create(context) {
      const res = await fetchFn(`${base}api/visitor/session`, {
        method: 'POST',
        credentials: 'omit',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ context }),
      });
      if (!res.ok) throw new Error(`session: HTTP ${res.status}`);
      const { visitorId, token } = (await res.json()) as VisitorSessionResponse;
      const v = { visitorId, token };
      save(v);
      return v;
    },
    setConversation(id) {
      if (!memory) return;
      const { conversationId: _drop, ...rest } = memory;
      save(id ? { ...rest, conversationId: id } : rest);
    },
    clear: () => save(null),
    watch(fn) {
      const onStorage = (e: StorageEvent) => {
        if (e.key !== key) return;
        memory = readJson<StoredVisitor>(key);
        fn();
      };
      window.addEventListener('storage', onStorage);
      return () => window.removeEventListener('storage', onStorage);
    },
  };
}

/** The page the visitor is on, as sent with the session and the first message. */
export function pageContext(locale: string): PageContext {
  const cut = (s: string, n: number) => s.slice(0, n);
  const ctx: PageContext = {
    url: cut(location.href, 2048),
    title: cut(document.title, 300),
    locale: cut(locale, 35),
  };
  if (document.referrer) ctx.referrer = cut(document.referrer, 2048);
  try {
    ctx.timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {}
  return ctx;
}
