import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { EventStore, FeedbackStore, SearchStore } from '../store.ts';

/** The conversation event log and what visitors searched and voted: what reports and estimates read. */
export function kyselyEvents(db: Kysely<Database>): EventStore {
  return {
    async add(conversationId, kind, agentId, data, createdAt) {
      await db
        .insertInto('conversation_events')
        .values({
          conversation_id: conversationId,
          kind,
          agent_id: agentId,
          data: JSON.stringify(data ?? {}),
          created_at: createdAt,
        })
        .execute();
    },
    async list(conversationId) {
      const rows = await db
        .selectFrom('conversation_events')
        .selectAll()
        .where('conversation_id', '=', conversationId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        kind: r.kind,
        agentId: r.agent_id,
        data: JSON.parse(r.data) as unknown,
        createdAt: r.created_at,
      }));
    },
    async handlingTimes(limit) {
      const rows = await db
        .selectFrom('conversation_events as closed')
        .select((eb) => [
          'closed.created_at as closedAt',
          eb
            .selectFrom('conversation_events as a')
            .select((e) => e.fn.max('a.created_at').as('at'))
            .whereRef('a.conversation_id', '=', 'closed.conversation_id')
            .where('a.kind', '=', 'assigned')
            .whereRef('a.id', '<', 'closed.id')
            .as('assignedAt'),
        ])
        .where('closed.kind', '=', 'closed')
        .orderBy('closed.id', 'desc')
        .limit(limit)
        .execute();
      return rows.flatMap((r) =>
        r.assignedAt ? [Date.parse(r.closedAt) - Date.parse(String(r.assignedAt))] : [],
      );
    },
  };
}

export function kyselyFeedback(db: Kysely<Database>): FeedbackStore {
  return {
    async add(slug, helpful, query, visitorId, createdAt) {
      await db
        .insertInto('kb_feedback')
        .values({ slug, helpful: helpful ? 1 : 0, query, visitor_id: visitorId, created_at: createdAt })
        .execute();
    },
    async unhelpful(sinceIso, limit) {
      const rows = await db
        .selectFrom('kb_feedback')
        .select((eb) => [
          'slug',
          eb.fn.sum<number>(eb.case().when('helpful', '=', 0).then(1).else(0).end()).as('no'),
          eb.fn.sum<number>('helpful').as('yes'),
        ])
        .where('created_at', '>=', sinceIso)
        .groupBy('slug')
        .having((eb) => eb.fn.sum(eb.case().when('helpful', '=', 0).then(1).else(0).end()), '>', 0)
        .orderBy('no', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ slug: r.slug, no: Number(r.no), yes: Number(r.yes) }));
    },
  };
}

export function kyselySearches(db: Kysely<Database>): SearchStore {
  /** The most frequent search queries since a time among those where `column` equals `value`. */
  const topQueries = async (
    column: 'result_count' | 'escalated',
    value: number,
    sinceIso: string,
    limit: number,
  ) => {
    const rows = await db
      .selectFrom('search_events')
      .select(['query', (eb) => eb.fn.countAll<number>().as('n')])
      .where(column, '=', value)
      .where('created_at', '>=', sinceIso)
      .groupBy('query')
      .orderBy('n', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ query: r.query, count: Number(r.n) }));
  };
  return {
    async add(query, resultCount, visitorId, createdAt, escalated = false) {
      await db
        .insertInto('search_events')
        .values({
          query: query.toLowerCase().trim(),
          result_count: resultCount,
          visitor_id: visitorId,
          created_at: createdAt,
          escalated: escalated ? 1 : 0,
        })
        .execute();
    },
    escalated: (sinceIso, limit) => topQueries('escalated', 1, sinceIso, limit),
    unanswered: (sinceIso, limit) => topQueries('result_count', 0, sinceIso, limit),
  };
}
