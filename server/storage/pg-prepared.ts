import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** Statements one connection keeps prepared at most; past it, new texts go unnamed (parsed each time) as before. */
const MAX_PER_CONNECTION = 500;
const DML = /^\s*(select|insert|update|delete|with)\b/i;
/** PostgreSQL's "cached plan must not change result type": a table changed under a prepared `select *`. */
const STALE_PLAN = '0A000';

type Prepared = { names: Set<string>; stale: Set<string>; inTransaction: boolean };
const names = new Map<string, string>();
const states = new WeakMap<pg.PoolClient, Prepared>();

/** One name per SQL text (Kysely's texts carry placeholders, never values), the same on every connection. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `parley_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size > 5000) names.clear();
    names.set(text, name);
  }
  return name;
}

/**
 * Named prepared statements on PostgreSQL. Kysely sends every query unnamed, so the server parses and plans
 * it each time; named, a statement is parsed once per connection and each later call is Bind/Execute only
 * (the same one round trip). Measured on the message append (`npm run bench:realtime-costs -- --store=postgres`):
 * the PostgreSQL backend's CPU per call about halves and Node's drops a little.
 *
 * What could go wrong and what is done about it:
 * - a table altered under a prepared statement (a newer node migrating while this one runs) fails it with
 *   "cached plan must not change result type": the statement is dropped on that connection, and a query
 *   outside a transaction is sent again unnamed; inside one, the command fails once and its retry prepares anew;
 * - texts are many (an `in (...)` list per length): a connection keeps at most 500 prepared, the rest go unnamed;
 * - a pooler that hands each transaction another server connection (PgBouncer in transaction mode before 1.21)
 *   does not keep statements between them: `DATABASE_PREPARED=off` sends everything unnamed.
 */
export function preparedStatements(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}

function wrap(client: pg.PoolClient): PostgresPoolClient {
  // A pooled connection comes back many times: what it has prepared is kept with it.
  let state = states.get(client);
  if (!state) {
    state = { names: new Set(), stale: new Set(), inTransaction: false };
    states.set(client, state);
  }
  const prepared = state;
  const run = async <R>(text: string, values: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> => {
    // A statement found stale inside a transaction is dropped once the transaction is over.
    if (!prepared.inTransaction && prepared.stale.size > 0) await dropStale(client, prepared);
    const verb = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase();
    if (verb === 'begin' || verb === 'start') prepared.inTransaction = true;
    else if (verb === 'commit' || verb === 'rollback' || verb === 'end') prepared.inTransaction = false;
    const known = DML.test(text) ? nameOf(text) : undefined;
    const name =
      known &&
      !prepared.stale.has(known) &&
      (prepared.names.has(known) || prepared.names.size < MAX_PER_CONNECTION)
        ? known
        : undefined;
    if (!name) return client.query(text, [...values]) as unknown as Promise<PostgresQueryResult<R>>;
    try {
      prepared.names.add(name);
      return (await client.query({ name, text, values: [...values] })) as unknown as PostgresQueryResult<R>;
    } catch (err) {
      if ((err as { code?: string }).code !== STALE_PLAN) throw err;
      prepared.stale.add(name);
      if (prepared.inTransaction) throw err;
      await dropStale(client, prepared);
      return client.query(text, [...values]) as unknown as Promise<PostgresQueryResult<R>>;
    }
  };
  return {
    query: ((textOrCursor: unknown, values?: ReadonlyArray<unknown>) =>
      typeof textOrCursor === 'string'
        ? run(textOrCursor, values ?? [])
        : client.query(textOrCursor as pg.Submittable)) as PostgresPoolClient['query'],
    release: () => client.release(),
  };
}

/** Drops stale statements on the server and from node-postgres's record of what this connection prepared. */
async function dropStale(client: pg.PoolClient, state: Prepared) {
  const connection = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } })
    .connection;
  for (const name of [...state.stale]) {
    state.stale.delete(name);
    state.names.delete(name);
    if (connection?.parsedStatements) delete connection.parsedStatements[name];
    await client.query(`deallocate ${name}`).catch(() => undefined);
  }
}
