import type { EventStore, FeedbackStore, SavedReplyStore, SearchStore, SettingStore } from '../store.ts';
import { assignDefined, byKeys, copy, type MemoryState } from './state.ts';

/** Counts per key, most first (ties in first-seen order), at most `limit`. */
function top<T>(rows: T[], key: (r: T) => string, limit: number) {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit);
}

export function memoryEvents(s: MemoryState): EventStore {
  return {
    async add(conversationId, kind, agentId, data, createdAt) {
      const id = (s.events.at(-1)?.id ?? 0) + 1;
      s.events.push({ id, conversationId, kind, agentId, data: copy(data ?? {}), createdAt });
    },
    list: async (conversationId) =>
      copy(
        s.events
          .filter((e) => e.conversationId === conversationId)
          .map(({ kind, agentId, data, createdAt }) => ({ kind, agentId, data, createdAt })),
      ),
    async handlingTimes(limit) {
      const closes = s.events
        .filter((e) => e.kind === 'closed')
        .reverse()
        .slice(0, limit);
      return closes.flatMap((closed) => {
        const assigned = s.events
          .filter(
            (e) => e.conversationId === closed.conversationId && e.kind === 'assigned' && e.id < closed.id,
          )
          .map((e) => e.createdAt)
          .sort()
          .at(-1);
        return assigned ? [Date.parse(closed.createdAt) - Date.parse(assigned)] : [];
      });
    },
  };
}

export function memoryFeedback(s: MemoryState): FeedbackStore {
  return {
    async add(slug, helpful, _query, _visitorId, createdAt) {
      s.feedback.push({ slug, helpful, createdAt });
    },
    async unhelpful(sinceIso, limit) {
      const recent = s.feedback.filter((f) => f.createdAt >= sinceIso);
      const slugs = [...new Set(recent.map((f) => f.slug))].map((slug) => {
        const votes = recent.filter((f) => f.slug === slug);
        return {
          slug,
          no: votes.filter((f) => !f.helpful).length,
          yes: votes.filter((f) => f.helpful).length,
        };
      });
      return slugs
        .filter((f) => f.no > 0)
        .sort((a, b) => b.no - a.no)
        .slice(0, limit);
    },
  };
}

export function memorySearches(s: MemoryState): SearchStore {
  const topQueries = (keep: (r: MemoryState['searches'][number]) => boolean, since: string, limit: number) =>
    Promise.resolve(
      top(
        s.searches.filter((r) => keep(r) && r.createdAt >= since),
        (r) => r.query,
        limit,
      ).map(([query, count]) => ({ query, count })),
    );
  return {
    async add(query, resultCount, _visitorId, createdAt, escalated = false) {
      s.searches.push({ query: query.toLowerCase().trim(), resultCount, escalated, createdAt });
    },
    unanswered: (since, limit) => topQueries((r) => r.resultCount === 0, since, limit),
    escalated: (since, limit) => topQueries((r) => r.escalated, since, limit),
  };
}

export function memorySettings(s: MemoryState): SettingStore {
  return {
    get: async (key) => copy(s.settings.get(key)),
    async put(key, value, updatedAt) {
      s.settings.set(key, copy(value));
      s.settingsWritten.set(key, updatedAt);
    },
    async deleteOlder(prefix, before) {
      let n = 0;
      for (const [key, at] of s.settingsWritten) {
        if (!key.startsWith(prefix) || at >= before) continue;
        s.settings.delete(key);
        s.settingsWritten.delete(key);
        n += 1;
      }
      return n;
    },
  };
}

export function memorySavedReplies(s: MemoryState): SavedReplyStore {
  const taken = (shortcut: string, except?: string) =>
    [...s.savedReplies.values()].some((r) => r.shortcut === shortcut && r.id !== except);
  return {
    list: async () => copy([...s.savedReplies.values()].sort(byKeys((r) => r.shortcut))),
    byId: async (id) => copy(s.savedReplies.get(id)),
    async create(r) {
      if (taken(r.shortcut) || s.savedReplies.has(r.id)) return false;
      s.savedReplies.set(r.id, copy(r));
      return true;
    },
    async update(id, patch) {
      if (patch.shortcut !== undefined && taken(patch.shortcut, id)) return false;
      const r = s.savedReplies.get(id);
      if (r) assignDefined(r, patch);
      return true;
    },
    delete: async (id) => s.savedReplies.delete(id),
  };
}
