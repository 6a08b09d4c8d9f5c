import type { Kysely } from 'kysely';

/**
 * Reports, third part: covering indexes for the per-agent figures (each read of a period then touches the
 * index alone, not the table) and for the per-article figures of the self-service events. Safe to run on a
 * database that already has them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, name, columns] of [
    ['report_conversations', 'report_conversations_started_agent', ['created_at', 'agent_id']],
    [
      'report_conversations',
      'report_conversations_responder_cover',
      ['created_at', 'first_responder_id', 'first_response_s'],
    ],
    ['report_conversations', 'report_conversations_closed_agent', ['first_closed_at', 'agent_id', 'close_s']],
    ['report_conversations', 'report_conversations_rated_agent', ['rated_at', 'agent_id', 'rating']],
    ['report_events', 'report_events_kind_cover', ['kind', 'created_at', 'slug', 'session_id', 'query']],
  ] as const)
    await db.schema
      .createIndex(name)
      .ifNotExists()
      .on(table)
      .columns([...columns])
      .execute();
}
