import type { LogEvent } from 'kysely';

/**
 * Queries this process has sent to its database (every dialect, transactions' statements included), for
 * `/metrics` and the realtime benchmark's round trips per message and per conversation start.
 */
export const queryCount = { total: 0, failed: 0 };

/** Kysely's `log` hook: called once per query, after it ran. */
export function countQuery(event: LogEvent): void {
  queryCount.total += 1;
  if (event.level === 'error') queryCount.failed += 1;
}
