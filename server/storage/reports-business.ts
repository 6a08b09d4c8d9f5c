import { type Kysely, sql } from 'kysely';
import { type Db, n } from './reports-tables.ts';
import type { Database } from './schema.ts';

/** One answered conversation whose stored business-hours figure was counted under other hours (or none). */
export interface StaleResponse {
  id: string;
  /** When first response started (the first visitor message; the creation for rows rolled up before it). */
  at: number;
  firstMessageAt: string | null;
  seconds: number;
}

/** First response in business hours: stored per conversation under a fingerprint of the hours. */
export function createBusinessQueries(database: Kysely<Database>) {
  const db = database as unknown as Db;
  return {
    /**
     * Over the answered conversations started in the range: the stored whole seconds counted under `key` and
     * how many conversations took each, ascending, and how many rows were counted under other hours.
     */
    async counted(key: string, startIso: string, endIso: string) {
      const { rows } = await sql<{ ok: unknown; v: unknown; n: unknown }>`
        select case when business_key = ${key} then 1 else 0 end as ok,
               round(case when business_key = ${key} then business_response_s end) as v, count(*) as n
        from report_conversations
        where created_at >= ${startIso} and created_at < ${endIso} and first_response_s is not null
        group by 1, 2 order by 2`.execute(db);
      const counts: Array<[number, number]> = [];
      let stale = 0;
      for (const r of rows) {
        if (n(r.ok) === 1) counts.push([Number(r.v), n(r.n)]);
        else stale += n(r.n);
      }
      return { counts, stale };
    },

    /** The answered conversations started in the range whose stored figure was not counted under `key`. */
    async stale(key: string, startIso: string, endIso: string): Promise<StaleResponse[]> {
      const rows = await db
        .selectFrom('report_conversations')
        .select(['conversation_id', 'created_at', 'first_message_at', 'first_response_s'])
        .where('created_at', '>=', startIso)
        .where('created_at', '<', endIso)
        .where('first_response_s', 'is not', null)
        .where((eb) => eb.or([eb('business_key', 'is', null), eb('business_key', '<>', key)]))
        .execute();
      return rows.map((r) => ({
        id: r.conversation_id,
        at: Date.parse(r.first_message_at ?? r.created_at),
        firstMessageAt: r.first_message_at ?? null,
        seconds: Number(r.first_response_s),
      }));
    },

    /**
     * Stores figures counted under `key`. A row the roll-up rewrote since it was read (its first response or
     * first message moved) keeps what the roll-up wrote.
     */
    async store(key: string, rows: Array<StaleResponse & { business: number }>) {
      // One statement per 500 rows: a row set the database joins the facts to (UPDATE ... FROM, both dialects).
      for (let i = 0; i < rows.length; i += 500) {
        const values = sql.join(
          rows.slice(i, i + 500).map(
            (r) =>
              sql`select cast(${r.id} as text) as id, cast(${r.business} as double precision) as b,
                  cast(${r.seconds} as double precision) as s, cast(${r.firstMessageAt} as text) as fm`,
          ),
          sql` union all `,
        );
        await sql`update report_conversations set business_response_s = v.b, business_key = ${key}
          from (${values}) as v
          where report_conversations.conversation_id = v.id and report_conversations.first_response_s = v.s
            and report_conversations.first_message_at is not distinct from v.fm`.execute(db);
      }
    },
  };
}

export type BusinessQueries = ReturnType<typeof createBusinessQueries>;
