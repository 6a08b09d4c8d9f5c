import type { Kysely } from 'kysely';
import type { AgentRow } from '../rows.ts';
import type { Database } from '../schema.ts';
import type { AgentStore, InviteStore, SessionStore } from '../store.ts';
import { agent, invite } from './mappers.ts';

const agentValues = (a: AgentRow) => ({
  id: a.id,
  email: a.email.toLowerCase(),
  name: a.name,
  role: a.role,
  password_hash: a.passwordHash,
  status: a.status,
  max_chats: a.maxChats,
  disabled: a.disabled ? 1 : 0,
  must_change_password: a.mustChangePassword ? 1 : 0,
  created_at: a.createdAt,
});

export function kyselyAgents(db: Kysely<Database>): AgentStore {
  return {
    async create(a) {
      await db.insertInto('agents').values(agentValues(a)).execute();
    },
    async createIfAbsent(a) {
      const r = await db
        .insertInto('agents')
        .values(agentValues(a))
        .onConflict((oc) => oc.column('email').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async byId(id) {
      const r = await db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? agent(r) : undefined;
    },
    async byEmail(email) {
      const r = await db
        .selectFrom('agents')
        .selectAll()
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      return r ? agent(r) : undefined;
    },
    async list() {
      return (await db.selectFrom('agents').selectAll().orderBy('name').execute()).map(agent);
    },
    async count() {
      const r = await db
        .selectFrom('agents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async countHandling() {
      const r = await db
        .selectFrom('agents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'online')
        .where('disabled', '=', 0)
        .where('role', '<>', 'editor')
        .executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async update(id, p) {
      const v: Partial<Database['agents']> = {};
      if (p.name !== undefined) v.name = p.name;
      if (p.role !== undefined) v.role = p.role;
      if (p.status !== undefined) v.status = p.status;
      if (p.maxChats !== undefined) v.max_chats = p.maxChats;
      if (p.disabled !== undefined) v.disabled = p.disabled ? 1 : 0;
      if (p.passwordHash !== undefined) v.password_hash = p.passwordHash;
      if (p.mustChangePassword !== undefined) v.must_change_password = p.mustChangePassword ? 1 : 0;
      await db.updateTable('agents').set(v).where('id', '=', id).execute();
    },
  };
}

export function kyselySessions(db: Kysely<Database>): SessionStore {
  return {
    async create(tokenHash, agentId, createdAt, expiresAt) {
      await db
        .insertInto('agent_sessions')
        .values({ token_hash: tokenHash, agent_id: agentId, created_at: createdAt, expires_at: expiresAt })
        .execute();
    },
    async agentFor(tokenHash, now) {
      const r = await db
        .selectFrom('agent_sessions')
        .innerJoin('agents', 'agents.id', 'agent_sessions.agent_id')
        .selectAll('agents')
        .where('agent_sessions.token_hash', '=', tokenHash)
        .where('agent_sessions.expires_at', '>', now)
        .executeTakeFirst();
      return r ? agent(r) : undefined;
    },
    async delete(tokenHash) {
      await db.deleteFrom('agent_sessions').where('token_hash', '=', tokenHash).execute();
    },
    async deleteForAgent(agentId, keep) {
      let q = db.deleteFrom('agent_sessions').where('agent_id', '=', agentId);
      if (keep !== undefined) q = q.where('token_hash', '<>', keep);
      await q.execute();
    },
  };
}

export function kyselyInvites(db: Kysely<Database>): InviteStore {
  return {
    async create(i) {
      await db
        .insertInto('agent_invites')
        .values({
          id: i.id,
          token_hash: i.tokenHash,
          email: i.email.toLowerCase(),
          name: i.name,
          role: i.role,
          max_chats: i.maxChats,
          created_by: i.createdBy,
          created_at: i.createdAt,
          expires_at: i.expiresAt,
          accepted_at: i.acceptedAt,
          revoked_at: i.revokedAt,
        })
        .execute();
    },
    async byTokenHash(tokenHash) {
      const r = await db
        .selectFrom('agent_invites')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return r ? invite(r) : undefined;
    },
    async byId(id) {
      const r = await db.selectFrom('agent_invites').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? invite(r) : undefined;
    },
    async pending(now) {
      const rows = await db
        .selectFrom('agent_invites')
        .selectAll()
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(invite);
    },
    async accept(tokenHash, now) {
      const r = await db
        .updateTable('agent_invites')
        .set({ accepted_at: now })
        .where('token_hash', '=', tokenHash)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async unaccept(tokenHash) {
      await db
        .updateTable('agent_invites')
        .set({ accepted_at: null })
        .where('token_hash', '=', tokenHash)
        .execute();
    },
    async revoke(by, now) {
      let q = db
        .updateTable('agent_invites')
        .set({ revoked_at: now })
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null);
      q = 'id' in by ? q.where('id', '=', by.id) : q.where('email', '=', by.email.toLowerCase());
      const r = await q.executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}
