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
  report_sessions: {
    session_id: string;
    first_at: string;
    searched: number;
    viewed: number;
    voted_helpful: number;
    asked: number;
    chatted: number;
    views: number;
    helpful_votes: number;
    conversation_id: string | null;
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

/** How many engaged sessions reached each funnel step (`views`, `helpfulVotes`: events, not sessions). */
export interface SessionCounts {
  sessions: number;
  searched: number;
  viewed: number;
  votedHelpful: number;
  asked: number;
  chatted: number;
  rated: number;
  views: number;
  helpfulVotes: number;
}
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
      // The first condition alone lets the index seek; the second breaks ties at the mark.
      .where('c.updated_at', '>=', mark.at)
      .where((eb) => eb.or([eb('c.updated_at', '>', mark.at), eb('c.id', '>', mark.id)]))
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
        offline: r.status === 'offline' ? 1 : 0,
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
            offline: sql<number>`report_conversations.offline | excluded.offline`,
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

    /** Stores a session's events and folds them into its row of report_sessions. */
    async addSessionEvents(rows: SessionEventRow[]) {
      const first = rows[0];
      if (!first) return;
      await db.insertInto('report_events').values(rows).execute();
      const has = (f: (r: SessionEventRow) => boolean) => (rows.some(f) ? 1 : 0);
      const count = (f: (r: SessionEventRow) => boolean) => rows.filter(f).length;
      const chat = rows.find((r) => r.kind === 'chat');
      await db
        .insertInto('report_sessions')
        .values({
          session_id: first.session_id,
          first_at: first.created_at,
          searched: has((r) => r.kind === 'search'),
          viewed: has((r) => r.kind === 'view'),
          voted_helpful: has((r) => r.kind === 'vote' && r.helpful === 1),
          asked: has((r) => r.kind === 'ask'),
          chatted: chat ? 1 : 0,
          views: count((r) => r.kind === 'view'),
          helpful_votes: count((r) => r.kind === 'vote' && r.helpful === 1),
          conversation_id: chat?.conversation_id ?? null,
        })
        .onConflict((oc) =>
          oc.column('session_id').doUpdateSet({
            searched: sql`report_sessions.searched | excluded.searched`,
            viewed: sql`report_sessions.viewed | excluded.viewed`,
            voted_helpful: sql`report_sessions.voted_helpful | excluded.voted_helpful`,
            asked: sql`report_sessions.asked | excluded.asked`,
            chatted: sql`report_sessions.chatted | excluded.chatted`,
            views: sql`report_sessions.views + excluded.views`,
            helpful_votes: sql`report_sessions.helpful_votes + excluded.helpful_votes`,
            conversation_id: sql`coalesce(excluded.conversation_id, report_sessions.conversation_id)`,
          }),
        )
        .execute();
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

    /**
     * A duration's whole seconds and how many conversations took each, over the rows whose `anchor` is in the
     * range, ascending: the exact median and percentiles follow without sending every row.
     */
    async secondsCounted(
      column: 'first_response_s' | 'queue_wait_s' | 'close_s',
      anchor: 'created_at' | 'first_closed_at',
      startIso: string,
      endIso: string,
    ): Promise<Array<[number, number]>> {
      const v = sql<number>`round(${sql.ref(column)})`;
      const rows = await db
        .selectFrom('report_conversations')
        .select([v.as('v'), (eb) => eb.fn.countAll().as('n')])
        .where(inRange(anchor, startIso, endIso))
        .where(column, 'is not', null)
        .groupBy(v)
        .orderBy(v)
        .execute();
      return rows.map((r) => [Number(r.v), n(r.n)]);
    },

    /** Conversations first closed in the range, and how many of them were reopened. */
    async closedCounts(startIso: string, endIso: string) {
      const r = await db
        .selectFrom('report_conversations')
        .select((eb) => [eb.fn.countAll().as('closed'), eb.fn.sum('reopened').as('reopened')])
        .where(inRange('first_closed_at', startIso, endIso))
        .executeTakeFirst();
      return { closed: n(r?.closed), reopened: n(r?.reopened) };
    },

    /** Ratings given in the range, counted. */
    async ratedCounts(startIso: string, endIso: string) {
      const r = await db
        .selectFrom('report_conversations')
        .select((eb) => [
          eb.fn.countAll().as('responses'),
          eb.fn.sum('rating').as('total'),
          sql<number>`sum(case when rating >= 4 then 1 else 0 end)`.as('satisfied'),
        ])
        .where(inRange('rated_at', startIso, endIso))
        .where('rating', 'is not', null)
        .executeTakeFirst();
      return { responses: n(r?.responses), total: n(r?.total), satisfied: n(r?.satisfied) };
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

    /** Engaged sessions that began in the range, and how many reached each funnel step. */
    async sessionCounts(startIso: string, endIso: string): Promise<SessionCounts> {
      const r = await db
        .selectFrom('report_sessions')
        .select((eb) => [
          eb.fn.countAll().as('sessions'),
          eb.fn.sum('searched').as('searched'),
          eb.fn.sum('viewed').as('viewed'),
          eb.fn.sum('voted_helpful').as('voted_helpful'),
          eb.fn.sum('asked').as('asked'),
          eb.fn.sum('chatted').as('chatted'),
          eb.fn.sum('views').as('views'),
          eb.fn.sum('helpful_votes').as('helpful_votes'),
        ])
        .where(inRange('first_at', startIso, endIso))
        .executeTakeFirst();
      // Only the sessions that chatted need their conversation's rating.
      const rated = await db
        .selectFrom('report_sessions as s')
        .innerJoin('report_conversations as f', 'f.conversation_id', 's.conversation_id')
        .select((eb) => eb.fn.countAll().as('n'))
        .where(inRange('s.first_at', startIso, endIso))
        .where('s.chatted', '=', 1)
        .where('f.rating', 'is not', null)
        .executeTakeFirst();
      return {
        sessions: n(r?.sessions),
        searched: n(r?.searched),
        viewed: n(r?.viewed),
        votedHelpful: n(r?.voted_helpful),
        asked: n(r?.asked),
        chatted: n(r?.chatted),
        rated: n(rated?.n),
        views: n(r?.views),
        helpfulVotes: n(r?.helpful_votes),
      };
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
