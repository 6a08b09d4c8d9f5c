import type { ConversationRow } from '../rows.ts';
import type { ConversationStore, VisitorStore } from '../store.ts';
import { assignDefined, byKeys, copy, type MemoryState, uniqueViolation } from './state.ts';

export function memoryVisitors(s: MemoryState): VisitorStore {
  const row = (v: (MemoryState['visitors'] extends Map<string, infer V> ? V : never) | undefined) => {
    if (!v) return undefined;
    const { tokenHash: _, ...visitor } = v;
    return copy(visitor);
  };
  return {
    async create(v) {
      if (s.visitors.has(v.id) || [...s.visitors.values()].some((o) => o.tokenHash === v.tokenHash))
        throw uniqueViolation('visitors.token_hash');
      s.visitors.set(v.id, { ...copy(v), pages: copy(v.pages ?? []) });
    },
    byTokenHash: async (hash) => row([...s.visitors.values()].find((v) => v.tokenHash === hash)),
    byId: async (id) => row(s.visitors.get(id)),
    async update(id, patch) {
      const v = s.visitors.get(id);
      if (v) assignDefined(v, patch);
    },
  };
}

const markFields = ['visitorReadSeq', 'agentReadSeq', 'visitorDeliveredSeq', 'agentDeliveredSeq'] as const;

export function memoryConversations(s: MemoryState): ConversationStore {
  const all = () => [...s.conversations.values()];
  const out = (c: ConversationRow & { startClientId?: string | null }): ConversationRow => {
    const { startClientId: _, ...row } = c;
    return copy(row);
  };
  const list = (rows: ConversationRow[]) => rows.map(out);
  const contains = (value: string | null, text: string) => value?.toLowerCase().includes(text) ?? false;
  return {
    async create(c) {
      const start = c.startClientId ?? null;
      if (start !== null && all().some((o) => o.visitorId === c.visitorId && o.startClientId === start))
        return false;
      if (s.conversations.has(c.id)) throw uniqueViolation('conversations.id');
      s.conversations.set(c.id, {
        ...copy(c),
        visitorDeliveredSeq: c.visitorDeliveredSeq ?? 0,
        agentDeliveredSeq: c.agentDeliveredSeq ?? 0,
        startClientId: start,
      });
      s.messages.set(c.id, []);
      return true;
    },
    async byId(id) {
      const c = s.conversations.get(id);
      return c && out(c);
    },
    async byStartClientId(visitorId, clientId) {
      const c = all().find((o) => o.visitorId === visitorId && o.startClientId === clientId);
      return c && out(c);
    },
    forVisitor: async (visitorId) =>
      list(
        all()
          .filter((c) => c.visitorId === visitorId)
          .sort(byKeys((c) => c.createdAt)),
      ),
    open: async () =>
      list(
        all()
          .filter((c) => c.status !== 'closed')
          .sort(byKeys((c) => c.createdAt)),
      ),
    closed: async (limit) =>
      list(
        all()
          .filter((c) => c.status === 'closed')
          .sort(byKeys((c) => c.closedAt))
          .reverse()
          .slice(0, limit),
      ),
    waiting: async () =>
      list(
        all()
          .filter((c) => c.status === 'waiting')
          .sort(
            byKeys(
              (c) => c.waitingSince,
              (c) => c.id,
            ),
          ),
      ),
    waitingCount: async () => all().filter((c) => c.status === 'waiting').length,
    async update(id, patch) {
      const c = s.conversations.get(id);
      if (c) assignDefined(c, patch);
    },
    async assignedCounts() {
      const counts = new Map<string, number>();
      for (const c of all())
        if (c.status === 'assigned' && c.agentId) counts.set(c.agentId, (counts.get(c.agentId) ?? 0) + 1);
      return counts;
    },
    async claim(id, agentId, now) {
      const c = s.conversations.get(id);
      if (c?.status !== 'waiting' && c?.status !== 'offline') return false;
      Object.assign(c, { status: 'assigned', agentId, waitingSince: null, updatedAt: now });
      return true;
    },
    async advance(id, field, seq, visitorId) {
      const c = s.conversations.get(id);
      if (!c || !markFields.includes(field) || (visitorId !== undefined && c.visitorId !== visitorId)) return;
      const capped = Math.min(seq, c.lastSeq);
      if (c[field] >= capped) return;
      c[field] = capped;
      return out(c);
    },
    async release(id, agentId, waitingSince, now) {
      const c = s.conversations.get(id);
      if (c?.status !== 'assigned' || c.agentId !== agentId) return false;
      Object.assign(c, { status: 'waiting', agentId: null, waitingSince, updatedAt: now });
      return true;
    },
    async search(text, { status, limit }) {
      const t = text.toLowerCase();
      const hits = all().filter((c) => {
        if (status && c.status !== status) return false;
        const v = s.visitors.get(c.visitorId);
        if (!v) return false;
        return (
          contains(v.name, t) ||
          contains(v.email, t) ||
          (s.messages.get(c.id) ?? []).some((m) => contains(m.text, t))
        );
      });
      return list(
        hits
          .sort(byKeys((c) => c.lastMessageAt))
          .reverse()
          .slice(0, limit),
      );
    },
  };
}
