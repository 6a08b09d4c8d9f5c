import type { Kysely } from 'kysely';

/**
 * Reports, second part: one row per engaged self-service session (its funnel steps, kept up to date as its
 * events arrive), covering indexes for a period's figures, and an index that lets the roll-up read one conversation's
 * events of one kind directly.
 * Safe to run on a database that already has them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_sessions')
    .ifNotExists()
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('searched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('viewed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('voted_helpful', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('asked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('chatted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('helpful_votes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('conversation_id', 'text')
    .execute();
  await db.schema
    .createIndex('report_sessions_first_at_cover')
    .ifNotExists()
    .on('report_sessions')
    .columns([
      'first_at',
      'searched',
      'viewed',
      'voted_helpful',
      'asked',
      'chatted',
      'views',
      'helpful_votes',
    ])
    .execute();
  // Covering indexes: a period's figures are read from the index alone, never from the table.
  for (const [name, columns] of [
    [
      'report_conversations_started_cover',
      ['created_at', 'offline', 'missed', 'first_response_s', 'queue_wait_s'],
    ],
    ['report_conversations_closed_cover', ['first_closed_at', 'close_s', 'reopened']],
    ['report_conversations_rated_cover', ['rated_at', 'rating']],
  ] as const)
    await db.schema
      .createIndex(name)
      .ifNotExists()
      .on('report_conversations')
      .columns([...columns])
      .execute();
  await db.schema
    .createIndex('conversation_events_conv_kind')
    .ifNotExists()
    .on('conversation_events')
    .columns(['conversation_id', 'kind', 'created_at'])
    .execute();
}
