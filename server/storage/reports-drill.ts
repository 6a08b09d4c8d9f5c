import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Db } from './reports-tables.ts';
import type { Database } from './schema.ts';

/** The counts of the Reports screen that stand for a set of conversations (see docs/metrics.md). */
export const DRILL_METRICS = [
  'started',
  'chats',
  'offline',
  'missed',
  'closed',
  'reopened',
  'rated',
  'satisfied',
  'unsatisfied',
] as const;
export type DrillMetric = (typeof DRILL_METRICS)[number];

/** Which instant places each metric's conversation in the period: the same anchor its count uses. */
export const drillAnchor: Record<DrillMetric, 'created_at' | 'first_closed_at' | 'rated_at'> = {
  started: 'created_at',
  chats: 'created_at',
  offline: 'created_at',
  missed: 'created_at',
  closed: 'first_closed_at',
  reopened: 'first_closed_at',
  rated: 'rated_at',
  satisfied: 'rated_at',
  unsatisfied: 'rated_at',
};

const condition: Record<DrillMetric, string | null> = {
  started: null,
  chats: 'f.offline = 0',
  offline: 'f.offline = 1',
  missed: 'f.missed = 1',
  closed: null,
  reopened: 'f.reopened = 1',
  rated: 'f.rating is not null',
  satisfied: 'f.rating >= 4',
  unsatisfied: 'f.rating <= 3',
};

export interface DrillQuery {
  metric: DrillMetric;
  startIso: string;
  endIso: string;
  /** Only conversations whose (last) assignee is this agent, as the per-agent figures count them. */
  agentId?: string | undefined;
  offset: number;
  limit: number;
}

/** The conversations behind a count, read from the same facts and conditions as the count itself. */
export function createDrillQueries(database: Kysely<Database>) {
  const db = database as unknown as Db;

  const filtered = (q: DrillQuery) => {
    const anchor = `f.${drillAnchor[q.metric]}` as const;
    const extra = condition[q.metric];
    let query = db
      .selectFrom('report_conversations as f')
      .where(anchor, '>=', q.startIso)
      .where(anchor, '<', q.endIso);
    if (extra) query = query.where(sql<SqlBool>`${sql.raw(extra)}` as Expression<SqlBool>);
    if (q.agentId !== undefined) query = query.where('f.agent_id', '=', q.agentId);
    return { query, anchor };
  };

  return {
    /** How many conversations the count holds, and one page of their ids, the latest anchor first. */
    async drill(q: DrillQuery): Promise<{ total: number; ids: string[] }> {
      const { query, anchor } = filtered(q);
      const total = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      const rows = await query
        .select('f.conversation_id')
        .orderBy(anchor, 'desc')
        .orderBy('f.conversation_id', 'desc')
        .offset(q.offset)
        .limit(q.limit)
        .execute();
      return { total: Number(total?.n ?? 0), ids: rows.map((r) => r.conversation_id) };
    },
  };
}
