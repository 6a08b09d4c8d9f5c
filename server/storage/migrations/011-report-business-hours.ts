import type { Kysely } from 'kysely';

/**
 * Reports, fifth part: each answered conversation's first response counted within the opening hours
 * (`business_response_s`), with the fingerprint of the hours it was counted under (`business_key`), so the
 * business-hours summary aggregates a stored column; rows whose key differs from today's hours are counted
 * again when read. A covering index for a period's stored values. Safe to run again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const facts = (await db.introspection.getTables()).find((t) => t.name === 'report_conversations');
  if (!facts?.columns.some((c) => c.name === 'business_response_s'))
    await db.schema
      .alterTable('report_conversations')
      .addColumn('business_response_s', 'double precision')
      .execute();
  if (!facts?.columns.some((c) => c.name === 'business_key'))
    await db.schema.alterTable('report_conversations').addColumn('business_key', 'text').execute();
  await db.schema
    .createIndex('report_conversations_business_stored')
    .ifNotExists()
    .on('report_conversations')
    .columns(['created_at', 'business_key', 'business_response_s', 'first_response_s'])
    .execute();
}
