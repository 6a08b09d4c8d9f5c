import { type Kysely, type SqlBool, sql } from 'kysely';
import { kyselyAgents } from './kysely/agents.ts';
import { createBusinessQueries } from './reports-business.ts';
import { createDrillQueries } from './reports-drill.ts';
import { createGroupedQueries } from './reports-grouped.ts';
import { createRollUpQueries } from './reports-rollup.ts';
import { type Db, n, type SessionCounts, type SessionEventRow } from './reports-tables.ts';
import type { Database } from './schema.ts';

export type { FactRow, Mark, ReportTables, SessionCounts, SessionEventRow } from './reports-tables.ts';

/** Storage for reports: the per-conversation facts roll-up, self-service session events, and the queries. */
export function createReportsStore(database: Kysely<Database>) {
  const db = database as unknown as Db;
  const rollUp = createRollUpQueries(database);
  const agents = kyselyAgents(database);

  const inRange = (column: string, startIso: string, endIso: string) =>
    sql<SqlBool>`${sql.ref(column)} >= ${startIso} and ${sql.ref(column)} < ${endIso}`;

  return {
    ...rollUp,
    ...createDrillQueries(database),
    grouped: createGroupedQueries(database),
    business: createBusinessQueries(database),

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
      // A session escalated after reading an article when its last ask is at or after its first view of it.
      const escalations = await db
        .selectFrom((eb) =>
          eb
            .selectFrom('report_events')
            .select(['session_id', 'slug', (e) => e.fn.min('created_at').as('at')])
            .where('kind', '=', 'view')
            .where(inRange('created_at', startIso, endIso))
            .groupBy(['session_id', 'slug'])
            .as('v'),
        )
        .innerJoin(
          (eb) =>
            eb
              .selectFrom('report_events')
              .select(['session_id', (e) => e.fn.max('created_at').as('at')])
              .where('kind', '=', 'ask')
              .groupBy('session_id')
              .as('a'),
          (j) => j.onRef('a.session_id', '=', 'v.session_id').onRef('a.at', '>=', 'v.at'),
        )
        .select(['v.slug', (eb) => eb.fn.countAll().as('n')])
        .groupBy('v.slug')
        .execute();
      // Only each article's five most frequent searches leave the database.
      const { rows: searches } = await sql<{ slug: string | null; query: string | null; n: unknown }>`
        select slug, query, n from (
          select slug, query, count(*) as n,
                 row_number() over (partition by slug order by count(*) desc, query) as rk
          from report_events
          where kind = 'view' and query is not null and ${inRange('created_at', startIso, endIso)}
          group by slug, query
        ) ranked where rk <= 5`.execute(db);
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
      const agentsOnline = await agents.countHandling();
      return {
        waiting: n(q?.waiting),
        inProgress: n(q?.active),
        oldestWaitingSince: (q?.oldest as string | null) ?? null,
        agentsOnline,
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
