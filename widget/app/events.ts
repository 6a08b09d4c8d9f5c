// Self-service events. Committed searches and votes go to `POST /api/visitor/events` for editors' content-gap
// reports. The reports' funnel goes to `POST /api/reports/sessions`, per engaged session: the session id is
// made only when the visitor engages (settles on a search or opens an article), so nothing is sent before.

export type SelfServiceEvent =
  | { kind: 'search'; query: string; resultCount: number }
  | { kind: 'vote'; slug: string; helpful: boolean; query?: string };

/** The funnel's steps (docs/metrics.md, "The self-service funnel"). */
export type FunnelEvent =
  | { kind: 'search'; query: string; resultCount: number }
  | { kind: 'view'; slug: string; query?: string }
  | { kind: 'vote'; slug: string; helpful: boolean }
  | { kind: 'ask' }
  | { kind: 'chat'; conversationId: string };

export interface EventReporter {
  /** A search the visitor settled on (paused typing for a second, or opened a result); each query once. */
  search(query: string, resultCount: number): void;
  vote(slug: string, helpful: boolean, query?: string): void;
  /** The last committed search, so a vote can say what the visitor was looking for. */
  lastQuery(): string | undefined;
}

/** The funnel steps the widget's shell reports (the components report searches and votes). */
export interface FunnelReporter {
  /** An article opened: this engages the visitor. */
  view(slug: string): void;
  /** The visitor asked for a person (counted only in an engaged session). */
  ask(): void;
  /** A conversation started (counted only in an engaged session). */
  chat(conversationId: string): void;
}

const SESSION_KEY = 'parley:funnel-session';

function storedSession(): string | undefined {
  try {
    return sessionStorage.getItem(SESSION_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function newSession(): string {
  const id =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  try {
    sessionStorage.setItem(SESSION_KEY, id);
  } catch {}
  return id;
}

const LEARNING_KEY = 'parley:learning-session';

/** A random id for this tab, so search learning counts distinct visitors (never who they are). */
function learningSession(): string {
  try {
    const stored = sessionStorage.getItem(LEARNING_KEY);
    if (stored) return stored;
  } catch {}
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : `${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  const id = `${random}-${Date.now().toString(36)}`.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64);
  try {
    sessionStorage.setItem(LEARNING_KEY, id);
  } catch {}
  return id;
}

/** Batches events (at most 20 per call) and sends them shortly after; failures are dropped, never shown. */
export function createEventReporter(
  base: string,
  fetchFn: typeof fetch = (...a) => fetch(...a),
  delay = 500,
): EventReporter & FunnelReporter {
  const queue: SelfServiceEvent[] = [];
  const funnel: FunnelEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: string | undefined;
  let session = storedSession();
  const seen = new Set<string>();
  const post = (path: string, body: unknown) =>
    fetchFn(`${base}${path}`, {
      method: 'POST',
      credentials: 'omit',
      keepalive: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch(() => {});
  const send = () => {
    timer = undefined;
    const batch = queue.splice(0, 20);
    const steps = funnel.splice(0, 20);
    if (batch.length) void post('api/visitor/events', { events: batch });
    if (steps.length && session) void post('api/reports/sessions', { session, events: steps });
    if (queue.length || funnel.length) timer = setTimeout(send, delay);
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(send, delay);
  };
  const step = (e: FunnelEvent, engages: boolean) => {
    if (!session && !engages) return;
    session ??= newSession();
    funnel.push(e);
    schedule();
  };
  return {
    search(query, resultCount) {
      const q = query.trim().slice(0, 200);
      if (!q) return;
      last = q;
      if (seen.has(q.toLowerCase())) return;
      seen.add(q.toLowerCase());
      const e = { kind: 'search', query: q, resultCount: Math.min(resultCount, 1000) } as const;
      queue.push(e);
      step(e, true);
    },
    vote(slug, helpful, query) {
      queue.push({ kind: 'vote', slug, helpful, ...(query ? { query: query.slice(0, 200) } : {}) });
      // Search learns from it: enough distinct visitors finding this article helpful for this query boost it.
      if (helpful && query) {
        const signal = { query: query.slice(0, 200), slug, kind: 'helpful', session: learningSession() };
        void post('api/kb/signals', signal);
      }
      schedule();
      step({ kind: 'vote', slug, helpful }, false);
    },
    lastQuery: () => last,
    view(slug) {
      step({ kind: 'view', slug, ...(last ? { query: last } : {}) }, true);
    },
    ask() {
      step({ kind: 'ask' }, false);
    },
    chat(conversationId) {
      step({ kind: 'chat', conversationId }, false);
    },
  };
}
