import type { Kysely } from 'kysely';

/**
 * Additive: a system message also stores what it says as a kind and its parameters (JSON), so each client can
 * word it in its own language. Older system messages keep only their English text, which still shows. Safe to
 * run on a database that already has the column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tables = await db.introspection.getTables();
  const has = tables.some((t) => t.name === 'messages' && t.columns.some((c) => c.name === 'system_event'));
  if (!has) await db.schema.alterTable('messages').addColumn('system_event', 'text').execute();
}
