import { type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from './schema.ts';

/** Reports' own tables (migration 008). */
export interface ReportTables {
  report_conversations: {
    conversation_id: string;
    created_at: string;
    offline: number;
    agent_id: string | null;
    first_responder_id: string | null;
    first_response_s: number | null;
    queue_wait_s: number | null;
    first_closed_at: string | null;
    close_s: number | null;
    reopened: number;
    missed: number;
    rating: number | null;
    rating_comment: string | null;
    rated_at: string | null;
    source_updated_at: string | null;
  };
  report_events: {
    id?: number;
    session_id: string;
    kind: string;
    slug: string | null;
    query: string | null;
    helpful: number | null;
    conversation_id: string | null;
    created_at: string;
  };
}

type Db = Kysely<Database & ReportTables>;
export type FactRow = ReportTables['report_conversations'];
export type SessionEventRow = Omit<ReportTables['report_events'], 'id'>;

const n = (v: unknown): number => Number(v ?? 0);
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const secondsBetween = (a: string | null, b: string | null) =>
  a && b && b >= a ? (Date.parse(b) - Date.parse(a)) / 1000 : null;

/** A position in the conversations' change order: (updated_at, id). */
export interface Mark {
  at: string;
  id: string;
}

/** Storage for reports: the per-conversation facts roll-up, self-service session events, and the queries. */
export function createReportsStore(database: Kysely<Database>) {
  const db = database as unknown as Db;

  /** Facts of up to `limit` conversations changed after `mark`, in change order, from the source tables. */
  async function computeFacts(mark: Mark, limit: number) {
    const rows = await db
      .selectFrom('conversations as c')
      .select((eb) => [
        'c.id',
        'c.created_at',
        'c.updated_at',
        'c.agent_id',
        'c.rating',
        'c.rating_comment',
        eb
          .selectFrom('messages as m')
          .select((e) => e.fn.min('m.created_at').as('v'))
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.author', '=', 'visitor')
          .as('first_visitor_at'),
        eb
          .selectFrom('messages as m')
          .select('m.created_at')
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.author', '=', 'agent')
          .orderBy('m.created_at')
          .orderBy('m.seq')
          .limit(1)
          .as('first_reply_at'),
        eb
          .selectFrom('messages as m')
          .select('m.author_id')
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.author', '=', 'agent')
          .orderBy('m.created_at')
          .orderBy('m.seq')
          .limit(1)
          .as('first_responder_id'),
        eb
          .selectFrom('conversation_events as e')
          .select((e) => e.fn.min('e.created_at').as('v'))
          .whereRef('e.conversation_id', '=', 'c.id')
          .where((e) =>
            e.or([
              e('e.kind', '=', 'assigned'),
              e.and([e('e.kind', '=', 'transferred'), e('e.data', 'not like', '%"to":null%')]),
            ]),
          )
          .as('first_assigned_at'),
        eb
          .selectFrom('conversation_events as e')
          .select((e) => e.fn.min('e.created_at').as('v'))
          .whereRef('e.conversation_id', '=', 'c.id')
          .where('e.kind', '=', 'closed')
          .as('first_closed_at'),
        eb
          .selectFrom('conversation_events as e')
          .select((e) => e.fn.countAll().as('v'))
          .whereRef('e.conversation_id', '=', 'c.id')
          .where('e.kind', '=', 'reopened')
          .as('reopens'),
        eb
          .selectFrom('conversation_events as e')
          .select((e) => e.fn.max('e.created_at').as('v'))
          .whereRef('e.conversation_id', '=', 'c.id')
          .where('e.kind', '=', 'rated')
          .as('rated_at'),
      ])
      .where((eb) =>
        eb.or([
          eb('c.updated_at', '>', mark.at),
          eb.and([eb('c.updated_at', '=', mark.at), eb('c.id', '>', mark.id)]),
        ]),
      )
      .orderBy('c.updated_at')
      .orderBy('c.id')
      .limit(limit)
      .execute();
    return rows.map((r) => {
      const firstVisitor = (r.first_visitor_at as string | null) ?? r.created_at;
      const firstReply = (r.first_reply_at as string | null) ?? null;
      const firstClosed = (r.first_closed_at as string | null) ?? null;
      const fact: FactRow = {
        conversation_id: r.id,
        created_at: r.created_at,
        offline: 0,
        agent_id: r.agent_id,
        first_responder_id: firstReply ? ((r.first_responder_id as string | null) ?? null) : null,
        first_response_s: secondsBetween(firstVisitor, firstReply),
        queue_wait_s: secondsBetween(r.created_at, (r.first_assigned_at as string | null) ?? null),
        first_closed_at: firstClosed,
        close_s: secondsBetween(r.created_at, firstClosed),
        reopened: n(r.reopens) > 0 ? 1 : 0,
        missed: firstClosed && !firstReply ? 1 : 0,
        rating: r.rating,
        rating_comment: r.rating === null ? null : r.rating_comment,
        rated_at: r.rating === null ? null : ((r.rated_at as string | null) ?? null),
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
            created_at: eb.ref('excluded.created_at'),
            agent_id: eb.ref('excluded.agent_id'),
            first_responder_id: eb.ref('excluded.first_responder_id'),
            first_response_s: eb.ref('excluded.first_response_s'),
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

  const inRange = (column: string, startIso: string, endIso: string) =>
    sql<SqlBool>`${sql.ref(column)} >= ${startIso} and ${sql.ref(column)} < ${endIso}`;

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

    async hasSession(sessionId: string) {
      const r = await db
        .selectFrom('report_events')
        .select('id')
        .where('session_id', '=', sessionId)
        .limit(1)
        .executeTakeFirst();
      return r !== undefined;
    },

    async addSessionEvents(rows: SessionEventRow[]) {
      if (rows.length) await db.insertInto('report_events').values(rows).execute();
    },

    /** Counts of conversations started in the range. */
    async startedCounts(startIso: string, endIso: string) {
      const r = await db
        .selectFrom('report_conversations')
        .select((eb) => [
          eb.fn.countAll().as('started'),
          eb.fn.sum('offline').as('offline'),
          eb.fn.sum('missed').as('missed'),
        ])
        .where(inRange('created_at', startIso, endIso))
        .executeTakeFirst();
      return { started: n(r?.started), offline: n(r?.offline), missed: n(r?.missed) };
    },

    /** Rows of the conversations started in the range, for the figures computed in code. */
    async started(startIso: string, endIso: string) {
      const rows = await db
        .selectFrom('report_conversations')
        .select([
          'conversation_id',
          'created_at',
          'offline',
          'missed',
          'agent_id',
          'first_responder_id',
          'first_response_s',
          'queue_wait_s',
        ])
        .where(inRange('created_at', startIso, endIso))
        .execute();
      return rows.map((r) => ({
        ...r,
        offline: n(r.offline),
        missed: n(r.missed),
        first_response_s: num(r.first_response_s),
        queue_wait_s: num(r.queue_wait_s),
      }));
    },

    /** Response and queue times of conversations started in the range (only those that have them). */
    async waits(startIso: string, endIso: string) {
      const rows = await db
        .selectFrom('report_conversations')
        .select(['first_response_s', 'queue_wait_s'])
        .where(inRange('created_at', startIso, endIso))
        .where((eb) => eb.or([eb('first_response_s', 'is not', null), eb('queue_wait_s', 'is not', null)]))
        .execute();
      const firstResponse: number[] = [];
      const queue: number[] = [];
      for (const r of rows) {
        if (r.first_response_s !== null) firstResponse.push(Number(r.first_response_s));
        if (r.queue_wait_s !== null) queue.push(Number(r.queue_wait_s));
      }
      return { firstResponse, queue };
    },

    /** Conversations first closed in the range. */
    async closed(startIso: string, endIso: string) {
      const rows = await db
        .selectFrom('report_conversations')
        .select(['conversation_id', 'first_closed_at', 'close_s', 'reopened', 'agent_id'])
        .where(inRange('first_closed_at', startIso, endIso))
        .execute();
      return rows.map((r) => ({
        ...r,
        first_closed_at: r.first_closed_at as string,
        close_s: Number(r.close_s ?? 0),
        reopened: n(r.reopened),
      }));
    },

    /** Ratings given in the range. */
    async rated(startIso: string, endIso: string) {
      const rows = await db
        .selectFrom('report_conversations')
        .select(['conversation_id', 'rated_at', 'rating', 'rating_comment', 'agent_id'])
        .where(inRange('rated_at', startIso, endIso))
        .where('rating', 'is not', null)
        .orderBy('rated_at', 'desc')
        .execute();
      return rows.map((r) => ({ ...r, rated_at: r.rated_at as string, rating: Number(r.rating) }));
    },

    /** Per engaged session in the range: which funnel steps it reached. */
    async sessions(startIso: string, endIso: string) {
      const flag = (cond: ReturnType<typeof sql>) => sql<number>`max(case when ${cond} then 1 else 0 end)`;
      const rows = await db
        .selectFrom('report_events as e')
        .leftJoin('report_conversations as f', 'f.conversation_id', 'e.conversation_id')
        .select([
          'e.session_id',
          flag(sql`e.kind = 'search'`).as('searched'),
          flag(sql`e.kind = 'view'`).as('viewed'),
          flag(sql`e.kind = 'vote' and e.helpful = 1`).as('voted_helpful'),
          flag(sql`e.kind = 'ask'`).as('asked'),
          flag(sql`e.kind = 'chat'`).as('chatted'),
          flag(sql`e.kind = 'chat' and f.rating is not null`).as('rated'),
          sql<number>`sum(case when e.kind = 'view' then 1 else 0 end)`.as('views'),
          sql<number>`sum(case when e.kind = 'vote' and e.helpful = 1 then 1 else 0 end)`.as('helpful_votes'),
        ])
        .where(inRange('e.created_at', startIso, endIso))
        .groupBy('e.session_id')
        .execute();
      return rows.map((r) => ({
        sessionId: r.session_id,
        searched: n(r.searched) > 0,
        viewed: n(r.viewed) > 0,
        votedHelpful: n(r.voted_helpful) > 0,
        asked: n(r.asked) > 0,
        chatted: n(r.chatted) > 0,
        rated: n(r.rated) > 0,
        views: n(r.views),
        helpfulVotes: n(r.helpful_votes),
      }));
    },

    /** Per article: views, votes, sessions that asked for a person after reading, the searches that led to it. */
    async articles(startIso: string, endIso: string) {
      const views = await db
        .selectFrom('report_events')
        .select(['slug', (eb) => eb.fn.countAll().as('views')])
        .where('kind', '=', 'view')
        .where(inRange('created_at', startIso, endIso))
        .groupBy('slug')
        .execute();
      const votes = await db
        .selectFrom('kb_feedback')
        .select(['slug', (eb) => eb.fn.countAll().as('votes'), (eb) => eb.fn.sum('helpful').as('helpful')])
        .where(inRange('created_at', startIso, endIso))
        .groupBy('slug')
        .execute();
      const escalations = await db
        .selectFrom('report_events as v')
        .innerJoin('report_events as a', (j) =>
          j
            .onRef('a.session_id', '=', 'v.session_id')
            .on('a.kind', '=', 'ask')
            .onRef('a.created_at', '>=', 'v.created_at'),
        )
        .select(['v.slug', sql<number>`count(distinct v.session_id)`.as('n')])
        .where('v.kind', '=', 'view')
        .where(inRange('v.created_at', startIso, endIso))
        .groupBy('v.slug')
        .execute();
      const searches = await db
        .selectFrom('report_events')
        .select(['slug', 'query', (eb) => eb.fn.countAll().as('n')])
        .where('kind', '=', 'view')
        .where('query', 'is not', null)
        .where(inRange('created_at', startIso, endIso))
        .groupBy(['slug', 'query'])
        .execute();
      return {
        views: views.map((r) => ({ slug: r.slug ?? '', views: n(r.views) })),
        votes: votes.map((r) => ({ slug: r.slug, votes: n(r.votes), helpful: n(r.helpful) })),
        escalations: escalations.map((r) => ({ slug: r.slug ?? '', sessions: n(r.n) })),
        searches: searches.map((r) => ({ slug: r.slug ?? '', query: r.query ?? '', count: n(r.n) })),
      };
    },

    /** The visitors' own searches in the range (not the trail copies stored when they asked for a person). */
    async topSearches(startIso: string, endIso: string, limit: number) {
      const rows = await db
        .selectFrom('search_events')
        .select(['query', (eb) => eb.fn.countAll().as('n'), (eb) => eb.fn.max('result_count').as('results')])
        .where('escalated', '=', 0)
        .where(inRange('created_at', startIso, endIso))
        .groupBy('query')
        .orderBy('n', 'desc')
        .orderBy('query')
        .limit(limit * 4)
        .execute();
      return rows.map((r) => ({ query: r.query, count: n(r.n), results: n(r.results) }));
    },

    /** Right now: waiting conversations, the oldest wait's start, chats in progress, agents online. */
    async now() {
      const q = await db
        .selectFrom('conversations')
        .select((eb) => [
          sql<number>`sum(case when status = 'waiting' then 1 else 0 end)`.as('waiting'),
          sql<number>`sum(case when status = 'assigned' then 1 else 0 end)`.as('active'),
          eb.fn.min(sql<string>`case when status = 'waiting' then waiting_since end`).as('oldest'),
        ])
        .where('status', '<>', 'closed')
        .executeTakeFirst();
      const a = await db
        .selectFrom('agents')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('status', '=', 'online')
        .where('disabled', '=', 0)
        .where('role', '<>', 'editor')
        .executeTakeFirst();
      return {
        waiting: n(q?.waiting),
        inProgress: n(q?.active),
        oldestWaitingSince: (q?.oldest as string | null) ?? null,
        agentsOnline: n(a?.n),
      };
    },

    async setting(key: string): Promise<unknown> {
      const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return r ? (JSON.parse(r.value) as unknown) : undefined;
    },

    async putSetting(key: string, value: unknown, at: string) {
      const json = JSON.stringify(value);
      await db
        .insertInto('settings')
        .values({ key, value: json, updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: at }))
        .execute();
    },

    /** Enabled admins' addresses, for the weekly email. */
    async adminEmails() {
      const rows = await db
        .selectFrom('agents')
        .select('email')
        .where('role', '=', 'admin')
        .where('disabled', '=', 0)
        .execute();
      return rows.map((r) => r.email);
    },

    async agentNames() {
      const rows = await db.selectFrom('agents').select(['id', 'name', 'role']).execute();
      return rows;
    },
  };
}

export type ReportsStore = ReturnType<typeof createReportsStore>;
