import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Deletes every row about one conversation, in one transaction: its messages, its events, the report facts
 * drawn from it (report_conversations, report_events) and the visit sessions' link to it, then the
 * conversation itself. The visitor's record stays (they may have other conversations). True when it existed.
 */
export async function eraseConversationRows(db: Kysely<Database>, id: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    await tx.deleteFrom('messages').where('conversation_id', '=', id).execute();
    await tx.deleteFrom('conversation_events').where('conversation_id', '=', id).execute();
    await sql`delete from report_events where conversation_id = ${id}`.execute(tx);
    await sql`delete from report_conversations where conversation_id = ${id}`.execute(tx);
    await sql`update report_sessions set conversation_id = null where conversation_id = ${id}`.execute(tx);
    const gone = await tx.deleteFrom('conversations').where('id', '=', id).executeTakeFirst();
    return Number(gone.numDeletedRows) > 0;
  });
}

/** Closed conversations closed before `iso`, oldest first, at most `limit`: what a retention period erases. */
export async function closedBefore(db: Kysely<Database>, iso: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('conversations')
    .select('id')
    .where('status', '=', 'closed')
    .where('closed_at', '<', iso)
    .orderBy('closed_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
