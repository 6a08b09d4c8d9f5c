import { type Kysely, sql } from 'kysely';
import { type Db, type FactRow, type Mark, n, secondsBetween } from './reports-tables.ts';
import type { Database } from './schema.ts';

/** The roll-up's reads and writes: one row of facts per conversation, recomputed from the source tables. */
export function createRollUpQueries(database: Kysely<Database>) {
  const db = database as unknown as Db;

  /** Facts of up to `limit` conversations changed after `mark`, in change order, from the source tables. */
  async function computeFacts(mark: Mark, limit: number) {
    const rows = await db
      .selectFrom('conversations as c')
      .select((eb) => {
        /** A column of the conversation's first agent message (ties on the clock broken by sequence). */
        const firstAgent = <C extends 'm.created_at' | 'm.author_id'>(column: C) =>
          eb
            .selectFrom('messages as m')
            .select(column)
            .whereRef('m.conversation_id', '=', 'c.id')
            .where('m.author', '=', 'agent')
            .orderBy('m.created_at')
            .orderBy('m.seq')
            .limit(1);
        return [
          'c.id',
          'c.created_at',
          'c.updated_at',
          'c.status',
          'c.agent_id',
          'c.rating',
          'c.rating_comment',
          eb
            .selectFrom('messages as m')
            .select((e) => e.fn.min('m.created_at').as('v'))
            .whereRef('m.conversation_id', '=', 'c.id')
            .where('m.author', '=', 'visitor')
            .as('first_visitor_at'),
          firstAgent('m.created_at').as('first_reply_at'),
          firstAgent('m.author_id').as('first_responder_id'),
        ];
      })
      // The first condition alone lets the index seek; the second breaks ties at the mark.
      .where('c.updated_at', '>=', mark.at)
      .where((eb) => eb.or([eb('c.updated_at', '>', mark.at), eb('c.id', '>', mark.id)]))
      .orderBy('c.updated_at')
      .orderBy('c.id')
      .limit(limit)
      .execute();
    // The event log's facts for the whole batch in one grouped read (one index range per conversation).
    const ids = rows.map((r) => r.id);
    const events = new Map<
      string,
      { assigned: string | null; closed: string | null; reopens: number; rated: string | null }
    >();
    for (let i = 0; i < ids.length; i += 5000) {
      const { rows: ev } = await sql<{
        conversation_id: string;
        assigned: string | null;
        closed: string | null;
        reopens: unknown;
        rated: string | null;
      }>`select conversation_id,
          min(case when kind = 'assigned' or (kind = 'transferred' and data not like '%"to":null%')
              then created_at end) as assigned,
          min(case when kind = 'closed' then created_at end) as closed,
          sum(case when kind = 'reopened' then 1 else 0 end) as reopens,
          max(case when kind = 'rated' then created_at end) as rated
        from conversation_events
        where conversation_id in (${sql.join(ids.slice(i, i + 5000))})
          and kind in ('assigned', 'transferred', 'closed', 'reopened', 'rated')
        group by conversation_id`.execute(db);
      for (const e of ev)
        events.set(e.conversation_id, {
          assigned: e.assigned,
          closed: e.closed,
          reopens: n(e.reopens),
          rated: e.rated,
        });
    }
    return rows.map((r) => {
      const e = events.get(r.id);
      const firstVisitor = (r.first_visitor_at as string | null) ?? r.created_at;
      const firstReply = (r.first_reply_at as string | null) ?? null;
      const firstClosed = e?.closed ?? null;
      const fact: FactRow = {
        conversation_id: r.id,
        created_at: r.created_at,
        offline: r.status === 'offline' ? 1 : 0,
        agent_id: r.agent_id,
        first_responder_id: firstReply ? ((r.first_responder_id as string | null) ?? null) : null,
        first_response_s: secondsBetween(firstVisitor, firstReply),
        first_message_at: firstVisitor,
        // Counted in business hours by the roll-up pass, under the hours in force then.
        business_response_s: null,
        business_key: null,
        queue_wait_s: secondsBetween(r.created_at, e?.assigned ?? null),
        first_closed_at: firstClosed,
        close_s: secondsBetween(r.created_at, firstClosed),
        reopened: (e?.reopens ?? 0) > 0 ? 1 : 0,
        missed: firstClosed && !firstReply ? 1 : 0,
        rating: r.rating,
        rating_comment: r.rating === null ? null : r.rating_comment,
        rated_at: r.rating === null ? null : (e?.rated ?? null),
        source_updated_at: r.updated_at,
      };
      return fact;
    });
  }

  /** Writes facts; `offline` (set when the conversation starts) is never overwritten. */
  async function upsertFacts(facts: FactRow[]) {
    for (let i = 0; i < facts.length; i += 500) {
      const chunk = facts.slice(i, i + 500);
      await db
        .insertInto('report_conversations')
        .values(chunk)
        .onConflict((oc) =>
          oc.column('conversation_id').doUpdateSet((eb) => ({
            offline: sql<number>`report_conversations.offline | excluded.offline`,
            created_at: eb.ref('excluded.created_at'),
            agent_id: eb.ref('excluded.agent_id'),
            first_responder_id: eb.ref('excluded.first_responder_id'),
            first_response_s: eb.ref('excluded.first_response_s'),
            first_message_at: eb.ref('excluded.first_message_at'),
            business_response_s: eb.ref('excluded.business_response_s'),
            business_key: eb.ref('excluded.business_key'),
            queue_wait_s: eb.ref('excluded.queue_wait_s'),
            first_closed_at: eb.ref('excluded.first_closed_at'),
            close_s: eb.ref('excluded.close_s'),
            reopened: eb.ref('excluded.reopened'),
            missed: eb.ref('excluded.missed'),
            rating: eb.ref('excluded.rating'),
            rating_comment: eb.ref('excluded.rating_comment'),
            rated_at: eb.ref('excluded.rated_at'),
            source_updated_at: eb.ref('excluded.source_updated_at'),
          })),
        )
        .execute();
    }
  }

  return {
    computeFacts,
    upsertFacts,

    /** Where the roll-up got to: the latest change it has seen. */
    async latestMark(): Promise<Mark> {
      const r = await db
        .selectFrom('report_conversations')
        .select((eb) => eb.fn.max('source_updated_at').as('at'))
        .executeTakeFirst();
      return { at: (r?.at as string | null) ?? '', id: '' };
    },

    /** A conversation started while nobody could chat (the visitor got the message-and-email form). */
    async markOffline(conversationId: string, createdAt: string) {
      await db
        .insertInto('report_conversations')
        .values({
          conversation_id: conversationId,
          created_at: createdAt,
          offline: 1,
          reopened: 0,
          missed: 0,
        })
        .onConflict((oc) => oc.column('conversation_id').doUpdateSet({ offline: 1 }))
        .execute();
    },
  };
}
