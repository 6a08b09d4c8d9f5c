import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/**
 * Reports: one row of facts per conversation (kept up to date incrementally from conversations, messages and
 * the event log), the widget's self-service session events, and an index to find recently changed
 * conversations. Safe to run on a database that already has any of them.
 */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const autoId = (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();
  const autoType = dialect === 'postgres' ? 'serial' : 'integer';

  await db.schema
    .createTable('report_conversations')
    .ifNotExists()
    .addColumn('conversation_id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('offline', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('agent_id', 'text')
    .addColumn('first_responder_id', 'text')
    .addColumn('first_response_s', 'double precision')
    .addColumn('queue_wait_s', 'double precision')
    .addColumn('first_closed_at', 'text')
    .addColumn('close_s', 'double precision')
    .addColumn('reopened', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('missed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rating', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('source_updated_at', 'text')
    .execute();
  for (const column of ['created_at', 'first_closed_at', 'rated_at'])
    await db.schema
      .createIndex(`report_conversations_${column}`)
      .ifNotExists()
      .on('report_conversations')
      .column(column)
      .execute();

  await db.schema
    .createTable('report_events')
    .ifNotExists()
    .addColumn('id', autoType, autoId)
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('slug', 'text')
    .addColumn('query', 'text')
    .addColumn('helpful', 'integer')
    .addColumn('conversation_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_events_created')
    .ifNotExists()
    .on('report_events')
    .columns(['created_at', 'session_id'])
    .execute();
  await db.schema
    .createIndex('report_events_session')
    .ifNotExists()
    .on('report_events')
    .column('session_id')
    .execute();

  await db.schema
    .createIndex('conversations_updated')
    .ifNotExists()
    .on('conversations')
    .column('updated_at')
    .execute();
  await db.schema
    .createIndex('messages_conversation_author')
    .ifNotExists()
    .on('messages')
    .columns(['conversation_id', 'author', 'created_at'])
    .execute();
}
