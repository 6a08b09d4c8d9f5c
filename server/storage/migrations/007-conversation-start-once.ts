import { type Kysely, sql } from 'kysely';

/**
 * A conversation keeps the client id of the start that opened it, unique per visitor: two starts with the
 * same client id (a retry, or two tabs at once) open one conversation. Conversations from before take the
 * client id of their first message, the one their start stored; where an earlier fault had opened two,
 * only the oldest takes it. Safe to run on a database that already has the column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tables = await db.introspection.getTables();
  const has = tables.some(
    (t) => t.name === 'conversations' && t.columns.some((c) => c.name === 'start_client_id'),
  );
  if (!has) {
    await db.schema.alterTable('conversations').addColumn('start_client_id', 'text').execute();
    await sql`update conversations set start_client_id = (
        select m.client_id from messages m
        where m.conversation_id = conversations.id and m.seq = 1 and m.author = 'visitor')`.execute(db);
    await sql`update conversations set start_client_id = null
      where start_client_id is not null and exists (
        select 1 from conversations older
        where older.visitor_id = conversations.visitor_id
          and older.start_client_id = conversations.start_client_id
          and (older.created_at < conversations.created_at
            or (older.created_at = conversations.created_at and older.id < conversations.id)))`.execute(db);
  }
  await db.schema
    .createIndex('conversations_start_client_id')
    .ifNotExists()
    .unique()
    .on('conversations')
    .columns(['visitor_id', 'start_client_id'])
    .execute();
}
