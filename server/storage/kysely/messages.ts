import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { groupCommitOf } from '../group-commit.ts';
import type { AppendGuard, AppendResult, NewMessage } from '../rows.ts';
import type { Database } from '../schema.ts';
import type { MessageStore } from '../store.ts';
import { conversation, isUniqueViolation, message, type Row } from './mappers.ts';

const messageValues = (m: NewMessage, seq: number) => ({
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

/** Runs `fn` in a transaction, or in the one `db` already is (Kysely does not nest them). */
export const inTransaction = <T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>) =>
  db.isTransaction ? fn(db) : db.transaction().execute(fn);

export function kyselyMessages(db: Kysely<Database>): MessageStore {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const findByClientId = async (conversationId: string, clientId: string) => {
    const r = await db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return r ? message(r) : undefined;
  };
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
    return { message: message(messageValues(m, Number(r.message_seq))), conversation: conversation(r) };
  };
  /**
   * SQLite (no data-modifying CTE): a transaction, in process. The write lock serialises writers. Outside a
   * command's own transaction, appends share commits (storage/group-commit.ts): one commit per burst, not per message.
   */
  const grouped = postgres || db.isTransaction ? undefined : groupCommitOf(db);
  const write = <T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> =>
    grouped ? grouped.run(fn) : inTransaction(db, fn);
  const appendInTransaction = (m: NewMessage, guard: AppendGuard) =>
    write(async (trx) => {
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
      const stored = messageValues(m, Number(c.last_seq));
      await trx.insertInto('messages').values(stored).execute();
      return { message: message(stored), conversation: conversation(c) };
    });
  /**
   * The same append on SQLite's connection itself (storage/sqlite-direct.ts): the hot path of every message,
   * prepared once, run synchronously inside the group's transaction.
   */
  const direct = grouped?.direct;
  const appendDirect = (m: NewMessage, guard: AppendGuard) =>
    grouped?.runDirect(
      (d) => {
        // The insert first: it reads the next seq and checks the guard, and when it is refused (a retried
        // clientId) it has changed nothing, so the append needs no savepoint. The update then cannot be refused.
        const where =
          `where "id" = ?` +
          (guard.visitorId !== undefined ? ` and "visitor_id" = ?` : '') +
          (guard.open ? ` and "status" <> 'closed'` : '');
        const key = guard.visitorId !== undefined ? [m.conversationId, guard.visitorId] : [m.conversationId];
        const inserted = d.run(
          `insert into "messages" ("id", "conversation_id", "seq", "client_id", "author", "author_id", "author_name", "text", "system_event", "created_at") ` +
            `select ?, "id", "last_seq" + 1, ?, ?, ?, ?, ?, ?, ? from "conversations" ${where}`,
          m.id,
          m.clientId ?? null,
          m.author,
          m.authorId ?? null,
          m.authorName ?? null,
          m.text,
          m.system ? JSON.stringify(m.system) : null,
          m.createdAt,
          ...key,
        );
        if (inserted.changes === 0) return undefined;
        const c = d.get<Row<'conversations'>>(
          `update "conversations" set "last_seq" = "last_seq" + 1, "last_message_at" = ?, "updated_at" = ? where "id" = ? returning *`,
          m.createdAt,
          m.createdAt,
          m.conversationId,
        );
        if (!c) throw new Error(`conversation ${m.conversationId} left during its append`);
        return {
          message: message(messageValues(m, Number(c.last_seq))),
          conversation: conversation(c),
        };
      },
      { atomic: true },
    );
  const appendGuarded = async (m: NewMessage, guard: AppendGuard): Promise<AppendResult | undefined> => {
    // Inside a transaction a refused insert would spoil it (PostgreSQL): look for a retry first.
    if (db.isTransaction && m.clientId && !guard.fresh) {
      const existing = await findByClientId(m.conversationId, m.clientId);
      if (existing) return { message: existing, created: false };
    }
    try {
      const done = await (postgres
        ? appendOneStatement(m, guard)
        : direct
          ? appendDirect(m, guard)
          : appendInTransaction(m, guard));
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
  return {
    async append(m, options) {
      const result = await appendGuarded(m, { ...options });
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
  };
}
