import type { AgentStore, InviteStore, SessionStore } from '../store.ts';
import { assignDefined, byKeys, copy, type MemoryState, uniqueViolation } from './state.ts';

export function memoryAgents(s: MemoryState): AgentStore {
  const byEmail = (email: string) => [...s.agents.values()].find((a) => a.email === email.toLowerCase());
  const agents: AgentStore = {
    async create(a) {
      if (s.agents.has(a.id) || byEmail(a.email)) throw uniqueViolation('agents.email');
      s.agents.set(a.id, { ...copy(a), email: a.email.toLowerCase() });
    },
    async createIfAbsent(a) {
      if (byEmail(a.email)) return false;
      await agents.create(a);
      return true;
    },
    byId: async (id) => copy(s.agents.get(id)),
    byEmail: async (email) => copy(byEmail(email)),
    list: async () => copy([...s.agents.values()].sort(byKeys((a) => a.name))),
    count: async () => s.agents.size,
    countHandling: async () =>
      [...s.agents.values()].filter((a) => a.status === 'online' && !a.disabled && a.role !== 'editor')
        .length,
    async update(id, patch) {
      const a = s.agents.get(id);
      if (a) assignDefined(a, patch);
    },
  };
  return agents;
}

export function memorySessions(s: MemoryState): SessionStore {
  return {
    async create(tokenHash, agentId, createdAt, expiresAt) {
      if (s.sessions.has(tokenHash)) throw uniqueViolation('agent_sessions.token_hash');
      s.sessions.set(tokenHash, { agentId, createdAt, expiresAt });
    },
    async agentFor(tokenHash, now) {
      const session = s.sessions.get(tokenHash);
      return session && session.expiresAt > now ? copy(s.agents.get(session.agentId)) : undefined;
    },
    async delete(tokenHash) {
      s.sessions.delete(tokenHash);
    },
    async deleteForAgent(agentId, keep) {
      for (const [hash, session] of s.sessions)
        if (session.agentId === agentId && hash !== keep) s.sessions.delete(hash);
    },
  };
}

export function memoryInvites(s: MemoryState): InviteStore {
  const byHash = (tokenHash: string) => [...s.invites.values()].find((i) => i.tokenHash === tokenHash);
  const pending = (now: string) =>
    [...s.invites.values()].filter((i) => !i.acceptedAt && !i.revokedAt && i.expiresAt > now);
  return {
    async create(i) {
      if (s.invites.has(i.id) || byHash(i.tokenHash)) throw uniqueViolation('agent_invites.token_hash');
      s.invites.set(i.id, { ...copy(i), email: i.email.toLowerCase() });
    },
    byTokenHash: async (tokenHash) => copy(byHash(tokenHash)),
    byId: async (id) => copy(s.invites.get(id)),
    pending: async (now) =>
      copy(
        pending(now)
          .sort(
            byKeys(
              (i) => i.createdAt,
              (i) => i.id,
            ),
          )
          .reverse(),
      ),
    async accept(tokenHash, now) {
      const i = pending(now).find((p) => p.tokenHash === tokenHash);
      if (i) i.acceptedAt = now;
      return Boolean(i);
    },
    async unaccept(tokenHash) {
      const i = byHash(tokenHash);
      if (i) i.acceptedAt = null;
    },
    async revoke(by, now) {
      const hit = [...s.invites.values()].filter(
        (i) =>
          !i.acceptedAt && !i.revokedAt && ('id' in by ? i.id === by.id : i.email === by.email.toLowerCase()),
      );
      for (const i of hit) i.revokedAt = now;
      return hit.length;
    },
  };
}
