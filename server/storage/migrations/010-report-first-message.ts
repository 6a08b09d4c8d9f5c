import type { Kysely } from 'kysely';

/**
 * Reports, fourth part: each conversation's first visitor message (`first_message_at`), from which first
 * response runs, so it can be counted within business hours (rows rolled up before this fall back to the
 * conversation's creation), with a covering index for a period's answered conversations. Safe to run again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const facts = (await db.introspection.getTables()).find((t) => t.name === 'report_conversations');
  if (!facts?.columns.some((c) => c.name === 'first_message_at'))
    await db.schema.alterTable('report_conversations').addColumn('first_message_at', 'text').execute();
  await db.schema
    .createIndex('report_conversations_business_cover')
    .ifNotExists()
    .on('report_conversations')
    .columns(['created_at', 'first_response_s', 'first_message_at'])
    .execute();
}
