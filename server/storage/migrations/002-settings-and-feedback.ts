import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

/** Workspace settings (one JSON value per key), saved replies, and article feedback for content-gap reports. */
export async function up(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const autoId = (c: ColumnDefinitionBuilder) =>
    dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement();
  const autoType = dialect === 'postgres' ? 'serial' : 'integer';

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('saved_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('shortcut', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('kb_feedback')
    .addColumn('id', autoType, autoId)
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('helpful', 'integer', (c) => c.notNull())
    .addColumn('query', 'text')
    .addColumn('visitor_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_feedback_created').on('kb_feedback').column('created_at').execute();

  await db.schema
    .alterTable('search_events')
    .addColumn('escalated', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
