import type { LogEvent } from 'kysely';

/**
 * Queries this process has sent to its database (every dialect, transactions' statements included), for
 * `/metrics` and the realtime benchmarks' round trips per message and per conversation start. `tap`, when a
 * benchmark sets it, hears each query's SQL text (never set in the server).
 */
export const queryCount: {
  total: number;
  failed: number;
  /** BEGIN, COMMIT and ROLLBACK: round trips too (on PostgreSQL), though Kysely's log does not see them. */
  transactionControl: number;
  /** Rows the database handed back (what reading a whole table or queue costs, beyond the round trip). */
  rows: number;
  tap?: ((sql: string) => void) | undefined;
} = { total: 0, failed: 0, transactionControl: 0, rows: 0 };

/** Kysely's `log` hook: called once per query, after it ran. */
export function countQuery(event: LogEvent): void {
  queryCount.total += 1;
  if (event.level === 'error') queryCount.failed += 1;
  queryCount.tap?.(event.query.sql);
}

/** The driver's BEGIN, COMMIT or ROLLBACK, which Kysely runs outside its log. */
export function countTransactionControl(statement: 'begin' | 'commit' | 'rollback'): void {
  queryCount.transactionControl += 1;
  queryCount.tap?.(statement);
}
