import type { Kysely } from 'kysely';

/**
 * Additive: an agent whose password was made for them (a one-time password from an admin or the command
 * line) must choose their own before using the console. Existing agents keep 0: nothing changes for them.
 * Safe to run again (the column is added only when missing).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tables = await db.introspection.getTables();
  const agents = tables.find((t) => t.name === 'agents');
  if (agents?.columns.some((c) => c.name === 'must_change_password')) return;
  await db.schema
    .alterTable('agents')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
