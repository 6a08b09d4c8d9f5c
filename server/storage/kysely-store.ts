import { type Kysely, PostgresAdapter, type Selectable, sql } from 'kysely';
import type { Database } from './schema.ts';
import type {
  AgentRow,
  AppendGuard,
  AppendResult,
  ConversationPatch,
  ConversationRow,
  InviteRow,
  MessageRow,
  NewMessage,
  PageVisitRow,
  SavedReplyRow,
  Store,
  VisitorRow,
} from './store.ts';

type Row<T extends keyof Database> = Selectable<Database[T]>;

const agent = (r: Row<'agents'>): AgentRow => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  status: r.status,
  maxChats: Number(r.max_chats),
  disabled: Number(r.disabled) === 1,
  mustChangePassword: Number(r.must_change_password) === 1,
  createdAt: r.created_at,
});

const invite = (r: Row<'agent_invites'>): InviteRow => ({
  id: r.id,
  tokenHash: r.token_hash,
  email: r.email,
  name: r.name,
  role: r.role,
  maxChats: r.max_chats === null ? null : Number(r.max_chats),
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  acceptedAt: r.accepted_at,
  revokedAt: r.revoked_at,
});

const visitor = (r: Row<'visitors'>): VisitorRow => ({
  id: r.id,
  name: r.name,
  email: r.email,
  verified: Number(r.verified) === 1,
  context: JSON.parse(r.context) as Record<string, string>,
  pages: JSON.parse(r.pages) as PageVisitRow[],
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
});

const conversation = (r: Row<'conversations'>): ConversationRow => ({
  id: r.id,
  visitorId: r.visitor_id,
  status: r.status,
  agentId: r.agent_id,
  lastSeq: Number(r.last_seq),
  preview: r.preview,
  trail: JSON.parse(r.trail) as unknown[],
  visitorReadSeq: Number(r.visitor_read_seq),
  agentReadSeq: Number(r.agent_read_seq),
  visitorDeliveredSeq: Number(r.visitor_delivered_seq),
  agentDeliveredSeq: Number(r.agent_delivered_seq),
  rating: r.rating === null ? null : Number(r.rating),
  ratingComment: r.rating_comment,
  waitingSince: r.waiting_since,
  lastMessageAt: r.last_message_at,
  closedAt: r.closed_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const message = (r: Row<'messages'>): MessageRow => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: Number(r.seq),
  clientId: r.client_id,
  author: r.author,
  authorId: r.author_id,
  authorName: r.author_name,
  text: r.text,
  system: parseSystem(r.system_event),
  createdAt: r.created_at,
});

/** A stored system event; a value that is not a JSON object reads as none (the message shows its text). */
function parseSystem(raw: string | null): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const savedReply = (r: Row<'saved_replies'>): SavedReplyRow => ({
  id: r.id,
  shortcut: r.shortcut,
  title: r.title,
  text: r.text,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A LIKE pattern matching `text` anywhere, with the wildcards in it taken literally. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conversationColumns(p: ConversationPatch) {
  const out: Partial<Database['conversations']> = {};
  if (p.status !== undefined) out.status = p.status;
  if (p.agentId !== undefined) out.agent_id = p.agentId;
  if (p.visitorReadSeq !== undefined) out.visitor_read_seq = p.visitorReadSeq;
  if (p.agentReadSeq !== undefined) out.agent_read_seq = p.agentReadSeq;
  if (p.visitorDeliveredSeq !== undefined) out.visitor_delivered_seq = p.visitorDeliveredSeq;
  if (p.agentDeliveredSeq !== undefined) out.agent_delivered_seq = p.agentDeliveredSeq;
  if (p.rating !== undefined) out.rating = p.rating;
  if (p.ratingComment !== undefined) out.rating_comment = p.ratingComment;
  if (p.waitingSince !== undefined) out.waiting_since = p.waitingSince;
  if (p.closedAt !== undefined) out.closed_at = p.closedAt;
  if (p.updatedAt !== undefined) out.updated_at = p.updatedAt;
  return out;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint/.test(e.message ?? '')
  );
}

/** The Store over Kysely; the same code runs on SQLite and Postgres. */
export function createKyselyStore(db: Kysely<Database>): Store {
  const findByClientId = async (conversationId: string, clientId: string) => {
    const r = await db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return r ? message(r) : undefined;
  };

  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const row = (m: NewMessage, seq: number) => ({
    id: m.id,
    conversation_id: m.conversationId,
    seq,
    client_id: m.clientId,
    author: m.author,
    author_id: m.authorId,
    author_name: m.authorName,
    text: m.text,
    system_event: m.system ? JSON.stringify(m.system) : null,
    created_at: m.createdAt,
  });
  /**
   * PostgreSQL: one statement, one round trip. The UPDATE's row lock serialises writers per conversation
   * until the statement commits, and a refused INSERT (a retried clientId) undoes the increment: seqs stay
   * gap-free. The guard is part of the UPDATE, so checking who may write costs no read of its own. This is
   * the hot path of every message; a read and a transaction took five round trips.
   */
  const appendOneStatement = async (m: NewMessage, guard: AppendGuard) => {
    const { rows } = await sql<Row<'conversations'> & { message_seq: number }>`
      with next as (
        update conversations
        set last_seq = last_seq + 1, last_message_at = ${m.createdAt}, updated_at = ${m.createdAt}
        where id = ${m.conversationId}
          ${guard.visitorId !== undefined ? sql`and visitor_id = ${guard.visitorId}` : sql.raw('')}
          ${guard.open ? sql`and status <> 'closed'` : sql.raw('')}
        returning *
      ), stored as (
        insert into messages (id, conversation_id, seq, client_id, author, author_id, author_name, text, system_event, created_at)
        select ${m.id}, ${m.conversationId}, last_seq, ${m.clientId}, ${m.author}, ${m.authorId},
          ${m.authorName}, ${m.text}, ${m.system ? JSON.stringify(m.system) : null}, ${m.createdAt}
        from next
        returning seq
      )
      select next.*, stored.seq as message_seq from next cross join stored`.execute(db);
    const r = rows[0];
    if (!r) return undefined;
    return { message: message(row(m, Number(r.message_seq))), conversation: conversation(r) };
  };
  /** SQLite (no data-modifying CTE): a transaction, in process. The write lock serialises writers. */
  const appendInTransaction = (m: NewMessage, guard: AppendGuard) =>
    db.transaction().execute(async (trx) => {
      let q = trx
        .updateTable('conversations')
        .set((eb) => ({
          last_seq: eb('last_seq', '+', 1),
          last_message_at: m.createdAt,
          updated_at: m.createdAt,
        }))
        .where('id', '=', m.conversationId);
      if (guard.visitorId !== undefined) q = q.where('visitor_id', '=', guard.visitorId);
      if (guard.open) q = q.where('status', '<>', 'closed');
      const c = await q.returningAll().executeTakeFirst();
      if (!c) return undefined;
      const stored = row(m, Number(c.last_seq));
      await trx.insertInto('messages').values(stored).execute();
      return { message: message(stored), conversation: conversation(c) };
    });
  const appendGuarded = async (m: NewMessage, guard: AppendGuard): Promise<AppendResult | undefined> => {
    try {
      const done = await (postgres ? appendOneStatement(m, guard) : appendInTransaction(m, guard));
      return done && { ...done, created: true };
    } catch (err) {
      // A retried clientId (or two retries racing): the unique index refused it; return the stored one.
      if (m.clientId && isUniqueViolation(err)) {
        const existing = await findByClientId(m.conversationId, m.clientId);
        if (existing) return { message: existing, created: false };
      }
      throw err;
    }
  };

  /** The most frequent search queries since a time among those where `column` equals `value`. */
  const topQueries = async (
    column: 'result_count' | 'escalated',
    value: number,
    sinceIso: string,
    limit: number,
  ) => {
    const rows = await db
      .selectFrom('search_events')
      .select(['query', (eb) => eb.fn.countAll<number>().as('n')])
      .where(column, '=', value)
      .where('created_at', '>=', sinceIso)
      .groupBy('query')
      .orderBy('n', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ query: r.query, count: Number(r.n) }));
  };

  return {
    agents: {
      async create(a) {
        await db
          .insertInto('agents')
          .values({
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
          })
          .execute();
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
    },
    sessions: {
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
    },
    invites: {
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
    },
    visitors: {
      async create(v) {
        await db
          .insertInto('visitors')
          .values({
            id: v.id,
            token_hash: v.tokenHash,
            name: v.name,
            email: v.email,
            verified: v.verified ? 1 : 0,
            context: JSON.stringify(v.context),
            pages: JSON.stringify(v.pages ?? []),
            created_at: v.createdAt,
            last_seen_at: v.lastSeenAt,
          })
          .execute();
      },
      async byTokenHash(tokenHash) {
        const r = await db
          .selectFrom('visitors')
          .selectAll()
          .where('token_hash', '=', tokenHash)
          .executeTakeFirst();
        return r ? visitor(r) : undefined;
      },
      async byId(id) {
        const r = await db.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst();
        return r ? visitor(r) : undefined;
      },
      async update(id, p) {
        const v: Partial<Database['visitors']> = {};
        if (p.name !== undefined) v.name = p.name;
        if (p.email !== undefined) v.email = p.email;
        if (p.verified !== undefined) v.verified = p.verified ? 1 : 0;
        if (p.context !== undefined) v.context = JSON.stringify(p.context);
        if (p.pages !== undefined) v.pages = JSON.stringify(p.pages);
        if (p.lastSeenAt !== undefined) v.last_seen_at = p.lastSeenAt;
        await db.updateTable('visitors').set(v).where('id', '=', id).execute();
      },
    },
    conversations: {
      async create(c) {
        await db
          .insertInto('conversations')
          .values({
            id: c.id,
            visitor_id: c.visitorId,
            status: c.status,
            agent_id: c.agentId,
            last_seq: c.lastSeq,
            preview: c.preview,
            trail: JSON.stringify(c.trail),
            visitor_read_seq: c.visitorReadSeq,
            agent_read_seq: c.agentReadSeq,
            visitor_delivered_seq: c.visitorDeliveredSeq ?? 0,
            agent_delivered_seq: c.agentDeliveredSeq ?? 0,
            rating: c.rating,
            rating_comment: c.ratingComment,
            waiting_since: c.waitingSince,
            last_message_at: c.lastMessageAt,
            closed_at: c.closedAt,
            created_at: c.createdAt,
            updated_at: c.updatedAt,
          })
          .execute();
      },
      async byId(id) {
        const r = await db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
        return r ? conversation(r) : undefined;
      },
      async forVisitor(visitorId) {
        const rows = await db
          .selectFrom('conversations')
          .selectAll()
          .where('visitor_id', '=', visitorId)
          .orderBy('created_at')
          .execute();
        return rows.map(conversation);
      },
      async open() {
        const rows = await db
          .selectFrom('conversations')
          .selectAll()
          .where('status', '!=', 'closed')
          .orderBy('created_at')
          .execute();
        return rows.map(conversation);
      },
      async closed(limit) {
        const rows = await db
          .selectFrom('conversations')
          .selectAll()
          .where('status', '=', 'closed')
          .orderBy('closed_at', 'desc')
          .limit(limit)
          .execute();
        return rows.map(conversation);
      },
      async waiting() {
        const rows = await db
          .selectFrom('conversations')
          .selectAll()
          .where('status', '=', 'waiting')
          .orderBy('waiting_since')
          .orderBy('id')
          .execute();
        return rows.map(conversation);
      },
      async update(id, patch) {
        await db.updateTable('conversations').set(conversationColumns(patch)).where('id', '=', id).execute();
      },
      async assignedCounts() {
        const rows = await db
          .selectFrom('conversations')
          .select(['agent_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('status', '=', 'assigned')
          .groupBy('agent_id')
          .execute();
        return new Map(
          rows.filter((r) => r.agent_id !== null).map((r) => [r.agent_id as string, Number(r.n)]),
        );
      },
      async claim(id, agentId, now) {
        const r = await db
          .updateTable('conversations')
          .set({ status: 'assigned', agent_id: agentId, waiting_since: null, updated_at: now })
          .where('id', '=', id)
          .where('status', '=', 'waiting')
          .executeTakeFirst();
        return Number(r.numUpdatedRows) === 1;
      },
      async advance(id, field, seq, visitorId) {
        const column = (
          {
            visitorReadSeq: 'visitor_read_seq',
            agentReadSeq: 'agent_read_seq',
            visitorDeliveredSeq: 'visitor_delivered_seq',
            agentDeliveredSeq: 'agent_delivered_seq',
          } as const
        )[field];
        // Never past the last message, never backwards; one statement, so concurrent reports cannot undo each other.
        const capped = sql<number>`case when ${seq} < last_seq then ${seq} else last_seq end`;
        let q = db
          .updateTable('conversations')
          .set({ [column]: capped })
          .where('id', '=', id)
          .where(column, '<', capped);
        if (visitorId !== undefined) q = q.where('visitor_id', '=', visitorId);
        const r = await q.returningAll().executeTakeFirst();
        return r ? conversation(r) : undefined;
      },
      async release(id, agentId, waitingSince, now) {
        const r = await db
          .updateTable('conversations')
          .set({ status: 'waiting', agent_id: null, waiting_since: waitingSince, updated_at: now })
          .where('id', '=', id)
          .where('status', '=', 'assigned')
          .where('agent_id', '=', agentId)
          .executeTakeFirst();
        return Number(r.numUpdatedRows) === 1;
      },
      async search(text, { status, limit }) {
        const pattern = containsPattern(text);
        const like = (col: string) => sql<boolean>`lower(${sql.ref(col)}) like ${pattern} escape '\\'`;
        let q = db
          .selectFrom('conversations')
          .innerJoin('visitors', 'visitors.id', 'conversations.visitor_id')
          .selectAll('conversations')
          .where((eb) =>
            eb.or([
              like('visitors.name'),
              like('visitors.email'),
              eb.exists(
                eb
                  .selectFrom('messages')
                  .select('messages.id')
                  .whereRef('messages.conversation_id', '=', 'conversations.id')
                  .where(like('messages.text')),
              ),
            ]),
          );
        if (status) q = q.where('conversations.status', '=', status);
        const rows = await q.orderBy('conversations.last_message_at', 'desc').limit(limit).execute();
        return rows.map(conversation);
      },
    },
    messages: {
      async append(m: NewMessage) {
        const result = await appendGuarded(m, {});
        if (!result) throw new Error(`no conversation ${m.conversationId}`);
        return result;
      },
      appendIf: appendGuarded,
      async since(conversationId, since, limit = 1000) {
        const rows = await db
          .selectFrom('messages')
          .selectAll()
          .where('conversation_id', '=', conversationId)
          .where('seq', '>', since)
          .orderBy('seq')
          .limit(limit)
          .execute();
        return rows.map(message);
      },
    },
    events: {
      async add(conversationId, kind, agentId, data, createdAt) {
        await db
          .insertInto('conversation_events')
          .values({
            conversation_id: conversationId,
            kind,
            agent_id: agentId,
            data: JSON.stringify(data ?? {}),
            created_at: createdAt,
          })
          .execute();
      },
      async list(conversationId) {
        const rows = await db
          .selectFrom('conversation_events')
          .selectAll()
          .where('conversation_id', '=', conversationId)
          .orderBy('id')
          .execute();
        return rows.map((r) => ({
          kind: r.kind,
          agentId: r.agent_id,
          data: JSON.parse(r.data) as unknown,
          createdAt: r.created_at,
        }));
      },
      async handlingTimes(limit) {
        const rows = await db
          .selectFrom('conversation_events as closed')
          .select((eb) => [
            'closed.created_at as closedAt',
            eb
              .selectFrom('conversation_events as a')
              .select((e) => e.fn.max('a.created_at').as('at'))
              .whereRef('a.conversation_id', '=', 'closed.conversation_id')
              .where('a.kind', '=', 'assigned')
              .whereRef('a.id', '<', 'closed.id')
              .as('assignedAt'),
          ])
          .where('closed.kind', '=', 'closed')
          .orderBy('closed.id', 'desc')
          .limit(limit)
          .execute();
        return rows.flatMap((r) =>
          r.assignedAt ? [Date.parse(r.closedAt) - Date.parse(String(r.assignedAt))] : [],
        );
      },
    },
    settings: {
      async get(key) {
        const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
        return r ? (JSON.parse(r.value) as unknown) : undefined;
      },
      async put(key, value, updatedAt) {
        const json = JSON.stringify(value);
        await db
          .insertInto('settings')
          .values({ key, value: json, updated_at: updatedAt })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: updatedAt }))
          .execute();
      },
    },
    feedback: {
      async add(slug, helpful, query, visitorId, createdAt) {
        await db
          .insertInto('kb_feedback')
          .values({ slug, helpful: helpful ? 1 : 0, query, visitor_id: visitorId, created_at: createdAt })
          .execute();
      },
      async unhelpful(sinceIso, limit) {
        const rows = await db
          .selectFrom('kb_feedback')
          .select((eb) => [
            'slug',
            eb.fn.sum<number>(eb.case().when('helpful', '=', 0).then(1).else(0).end()).as('no'),
            eb.fn.sum<number>('helpful').as('yes'),
          ])
          .where('created_at', '>=', sinceIso)
          .groupBy('slug')
          .having((eb) => eb.fn.sum(eb.case().when('helpful', '=', 0).then(1).else(0).end()), '>', 0)
          .orderBy('no', 'desc')
          .limit(limit)
          .execute();
        return rows.map((r) => ({ slug: r.slug, no: Number(r.no), yes: Number(r.yes) }));
      },
    },
    searches: {
      async add(query, resultCount, visitorId, createdAt, escalated = false) {
        await db
          .insertInto('search_events')
          .values({
            query: query.toLowerCase().trim(),
            result_count: resultCount,
            visitor_id: visitorId,
            created_at: createdAt,
            escalated: escalated ? 1 : 0,
          })
          .execute();
      },
      escalated: (sinceIso, limit) => topQueries('escalated', 1, sinceIso, limit),
      unanswered: (sinceIso, limit) => topQueries('result_count', 0, sinceIso, limit),
    },
    savedReplies: {
      async list() {
        return (await db.selectFrom('saved_replies').selectAll().orderBy('shortcut').execute()).map(
          savedReply,
        );
      },
      async byId(id) {
        const r = await db.selectFrom('saved_replies').selectAll().where('id', '=', id).executeTakeFirst();
        return r ? savedReply(r) : undefined;
      },
      async create(r) {
        try {
          await db
            .insertInto('saved_replies')
            .values({
              id: r.id,
              shortcut: r.shortcut,
              title: r.title,
              text: r.text,
              created_by: r.createdBy,
              created_at: r.createdAt,
              updated_at: r.updatedAt,
            })
            .execute();
          return true;
        } catch (err) {
          if (isUniqueViolation(err)) return false;
          throw err;
        }
      },
      async update(id, p) {
        const v: Partial<Database['saved_replies']> = {};
        if (p.shortcut !== undefined) v.shortcut = p.shortcut;
        if (p.title !== undefined) v.title = p.title;
        if (p.text !== undefined) v.text = p.text;
        if (p.updatedAt !== undefined) v.updated_at = p.updatedAt;
        try {
          await db.updateTable('saved_replies').set(v).where('id', '=', id).execute();
          return true;
        } catch (err) {
          if (isUniqueViolation(err)) return false;
          throw err;
        }
      },
      async delete(id) {
        const r = await db.deleteFrom('saved_replies').where('id', '=', id).executeTakeFirst();
        return Number(r.numDeletedRows) > 0;
      },
    },
  };
}
