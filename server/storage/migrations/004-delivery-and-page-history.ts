import type { Kysely } from 'kysely';

/**
 * Additive: per side, the highest seq its client has received ("delivered", beside "read"); the pages a
 * visitor has seen; an index for reading recent handling times from the event log. Safe to run on a
 * database that already has any of these (each is added only when missing).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tables = await db.introspection.getTables();
  const has = (table: string, column: string) =>
    tables.some((t) => t.name === table && t.columns.some((c) => c.name === column));

  for (const column of ['visitor_delivered_seq', 'agent_delivered_seq']) {
    if (!has('conversations', column))
      await db.schema
        .alterTable('conversations')
        .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
  }
  if (!has('visitors', 'pages'))
    await db.schema
      .alterTable('visitors')
      .addColumn('pages', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
  await db.schema
    .createIndex('conversation_events_kind')
    .ifNotExists()
    .on('conversation_events')
    .columns(['kind', 'id'])
    .execute();
}
