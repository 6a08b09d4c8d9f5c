import { type Kysely, type RawBuilder, sql } from 'kysely';
import { type Db, n } from './reports-tables.ts';
import type { Database } from './schema.ts';

/**
 * Report figures grouped in the database: per local day (the day bounds are a small VALUES table the facts
 * are joined to, each day reading its slice of a covering index), per agent, or per quarter hour. Medians and
 * percentiles follow from each whole second's count (GROUP BY), never from every row.
 */

/** The UTC bounds of each local day of a range, as ISO strings: day i is [starts[i], starts[i + 1]). */
export type DayBounds = readonly string[];

type Anchor = 'created_at' | 'first_closed_at' | 'rated_at';
type Duration = 'first_response_s' | 'queue_wait_s' | 'close_s';
type Group =
  | { kind: 'day'; days: DayBounds }
  | { kind: 'column'; column: 'agent_id' | 'first_responder_id' | 'rating' };

/** `with d(i, s, e) as (values …)`: one row per local day. */
function daysTable(days: DayBounds): RawBuilder<unknown> {
  const rows = days
    .slice(0, -1)
    .map((s, i) => sql`(${sql.lit(i)}, cast(${s} as text), cast(${days[i + 1] ?? s} as text))`);
  return sql`d(i, s, e) as (values ${sql.join(rows)})`;
}

/** The rows of report_conversations in the group and range, as `from … where …` with `g` the group key. */
function source(group: Group, anchor: Anchor, startIso: string, endIso: string) {
  const a = sql.ref(`f.${anchor}`);
  if (group.kind === 'day')
    // CROSS JOIN keeps the 90-odd days the outer loop on SQLite, so each day seeks its own index range.
    return {
      with: sql`with ${daysTable(group.days)}`,
      key: sql`d.i`,
      from: sql`d cross join report_conversations f`,
      where: sql`${a} >= d.s and ${a} < d.e`,
    };
  return {
    with: sql``,
    key: sql.ref(`f.${group.column}`),
    from: sql`report_conversations f`,
    where: sql`${a} >= ${startIso} and ${a} < ${endIso} and ${sql.ref(`f.${group.column}`)} is not null`,
  };
}

export function createGroupedQueries(database: Kysely<Database>) {
  const db = database;

  /** Counts and sums per group (`count` rows, and the sum of each listed 0/1 or rating column). */
  async function counts(
    group: Group,
    anchor: Anchor,
    sums: ReadonlyArray<'offline' | 'missed' | 'reopened' | 'rating'>,
    startIso: string,
    endIso: string,
  ): Promise<Map<string, Record<string, number>>> {
    const s = source(group, anchor, startIso, endIso);
    // A rating's time is kept only while it has a rating; the condition says so for the reader.
    const extra = anchor === 'rated_at' ? sql`f.rating is not null` : sql`1 = 1`;
    const cols = sums.map((c) => sql`sum(${sql.ref(`f.${c}`)}) as ${sql.ref(c)}`);
    const { rows } = await sql<Record<string, unknown>>`${s.with}
      select ${s.key} as g, count(*) as n${cols.length ? sql`, ${sql.join(cols)}` : sql``}
      from ${s.from} where ${s.where} and ${extra} group by ${s.key}`.execute(db);
    const out = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const v: Record<string, number> = { count: n(r.n) };
      for (const c of sums) v[c] = n(r[c]);
      out.set(String(r.g), v);
    }
    return out;
  }

  /** A duration's whole seconds and how many took each, per group, ascending (as secondsCounted). */
  async function counted(
    group: Group,
    anchor: Anchor,
    column: Duration,
    startIso: string,
    endIso: string,
  ): Promise<Map<string, Array<[number, number]>>> {
    const s = source(group, anchor, startIso, endIso);
    const c = sql.ref(`f.${column}`);
    const { rows } = await sql<{ g: unknown; v: unknown; n: unknown }>`${s.with}
      select ${s.key} as g, round(${c}) as v, count(*) as n from ${s.from}
      where ${s.where} and ${c} is not null group by ${s.key}, round(${c}) order by ${s.key}, round(${c})`.execute(
      db,
    );
    const out = new Map<string, Array<[number, number]>>();
    for (const r of rows) {
      const g = String(r.g);
      let list = out.get(g);
      if (!list) {
        list = [];
        out.set(g, list);
      }
      list.push([Number(r.v), n(r.n)]);
    }
    return out;
  }

  /** Conversations started per UTC quarter hour (every zone's offset is a whole number of quarter hours). */
  async function quarterHours(startIso: string, endIso: string) {
    const { rows } = await sql<{ h: string; q: unknown; n: unknown }>`
      select substr(created_at, 1, 13) as h, cast(substr(created_at, 15, 2) as integer) / 15 as q,
             count(*) as n
      from report_conversations
      where created_at >= ${startIso} and created_at < ${endIso}
      group by substr(created_at, 1, 13), cast(substr(created_at, 15, 2) as integer) / 15`.execute(db);
    return rows.map((r) => ({
      at: Date.parse(`${r.h}:${String(n(r.q) * 15).padStart(2, '0')}:00.000Z`),
      count: n(r.n),
    }));
  }

  /** Rating comments given in the range, newest first (only the agent's own when `agentId` is given). */
  async function comments(startIso: string, endIso: string, limit: number, agentId?: string) {
    let q = (db as unknown as Db)
      .selectFrom('report_conversations')
      .select(['conversation_id', 'rated_at', 'rating', 'rating_comment'])
      .where('rated_at', '>=', startIso)
      .where('rated_at', '<', endIso)
      .where('rating', 'is not', null)
      .where('rating_comment', 'is not', null);
    if (agentId !== undefined) q = q.where('agent_id', '=', agentId);
    const rows = await q.orderBy('rated_at', 'desc').orderBy('conversation_id').limit(limit).execute();
    return rows.map((r) => ({
      conversationId: r.conversation_id,
      rating: Number(r.rating),
      comment: r.rating_comment ?? '',
      ratedAt: r.rated_at ?? '',
    }));
  }

  return { counts, counted, quarterHours, comments };
}

export type GroupedQueries = ReturnType<typeof createGroupedQueries>;
