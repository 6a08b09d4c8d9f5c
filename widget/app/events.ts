// Self-service events for editors' content-gap reports (`POST /api/visitor/events`): committed searches and votes.

export type SelfServiceEvent =
  | { kind: 'search'; query: string; resultCount: number }
  | { kind: 'vote'; slug: string; helpful: boolean; query?: string };

export interface EventReporter {
  /** A search the visitor settled on (paused typing for a second, or opened a result); each query once. */
  search(query: string, resultCount: number): void;
  vote(slug: string, helpful: boolean, query?: string): void;
  /** The last committed search, so a vote can say what the visitor was looking for. */
  lastQuery(): string | undefined;
}

/** Batches events (at most 20 per call) and sends them shortly after; failures are dropped, never shown. */
export function createEventReporter(
  base: string,
  fetchFn: typeof fetch = (...a) => fetch(...a),
  delay = 500,
): EventReporter {
  let queue: SelfServiceEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: string | undefined;
  const seen = new Set<string>();
  const send = () => {
    timer = undefined;
    const batch = queue.splice(0, 20);
    queue = queue.slice();
    if (!batch.length) return;
    fetchFn(`${base}api/visitor/events`, {
      method: 'POST',
      credentials: 'omit',
      keepalive: true,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: batch }),
    }).catch(() => {});
    if (queue.length) timer = setTimeout(send, delay);
  };
  const add = (e: SelfServiceEvent) => {
    queue.push(e);
    timer ??= setTimeout(send, delay);
  };
  return {
    search(query, resultCount) {
      const q = query.trim().slice(0, 200);
      if (!q) return;
      last = q;
      if (seen.has(q.toLowerCase())) return;
      seen.add(q.toLowerCase());
      add({ kind: 'search', query: q, resultCount: Math.min(resultCount, 1000) });
    },
    vote(slug, helpful, query) {
      add({ kind: 'vote', slug, helpful, ...(query ? { query: query.slice(0, 200) } : {}) });
    },
    lastQuery: () => last,
  };
}
