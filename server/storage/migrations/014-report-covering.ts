import type { Kysely } from 'kysely';

/**
 * Reports, third part: covering indexes for the per-agent figures (each read of a period then touches the
 * index alone, not the table) and for the per-article figures of the self-service events; and each
 * conversation's first visitor message (`first_message_at`), for first response in business hours (rows
 * rolled up before it fall back to the conversation's creation). Safe to run on a database that has them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const facts = (await db.introspection.getTables()).find((t) => t.name === 'report_conversations');
  if (!facts?.columns.some((c) => c.name === 'first_message_at'))
    await db.schema.alterTable('report_conversations').addColumn('first_message_at', 'text').execute();
  for (const [table, name, columns] of [
    ['report_conversations', 'report_conversations_started_agent', ['created_at', 'agent_id']],
    [
      'report_conversations',
      'report_conversations_responder_cover',
      ['created_at', 'first_responder_id', 'first_response_s'],
    ],
    ['report_conversations', 'report_conversations_closed_agent', ['first_closed_at', 'agent_id', 'close_s']],
    ['report_conversations', 'report_conversations_rated_agent', ['rated_at', 'agent_id', 'rating']],
    [
      'report_conversations',
      'report_conversations_business_cover',
      ['created_at', 'first_response_s', 'first_message_at'],
    ],
    ['report_events', 'report_events_kind_cover', ['kind', 'created_at', 'slug', 'session_id', 'query']],
  ] as const)
    await db.schema
      .createIndex(name)
      .ifNotExists()
      .on(table)
      .columns([...columns])
      .execute();
}
