import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/** The most writes one commit carries; a longer queue is committed in several. */
const MAX_GROUP = 256;

interface Job {
  fn: (trx: Kysely<Database>) => Promise<unknown>;
  settle: (outcome: { ok: true; value: unknown } | { ok: false; error: unknown }) => void;
}

/**
 * Group commit on SQLite. A commit costs more than the writes before it (measured on this project's rows:
 * about 150 us per one-message transaction against 50 us per message with 100 in one commit), and better-sqlite3
 * runs it on the event loop. Writes that arrive while a group is being written wait for the next group, which
 * carries all of them in one transaction, each in a savepoint of its own (a write that fails undoes only itself).
 * Every caller hears its outcome only after the commit: nothing is acknowledged before it is stored.
 *
 * A group starts on the event loop's next turn (setImmediate), not at its first write: better-sqlite3 is
 * synchronous, so a group started at once ran to its commit before the next socket's message was even read, and
 * under load every commit carried one message (measured: 4.2 statements per message, one BEGIN and COMMIT each).
 * Waiting for the rest of the turn costs a quiet server microseconds and lets a burst share one commit.
 */
export function groupCommit(db: Kysely<Database>) {
  const queue: Job[] = [];
  let running = false;

  const runGroup = async (jobs: Job[]) => {
    const [only] = jobs;
    if (only && jobs.length === 1) {
      // Alone: a plain transaction, no savepoint statements.
      await db
        .transaction()
        .execute(only.fn)
        .then(
          (value) => only.settle({ ok: true, value }),
          (error: unknown) => only.settle({ ok: false, error }),
        );
      return;
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const job of jobs) {
          await sql`savepoint parley_write`.execute(trx);
          try {
            const value = await job.fn(trx);
            await sql`release parley_write`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`rollback to parley_write`.execute(trx);
            await sql`release parley_write`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit (or the transaction itself) failed: none of the group's writes is stored.
      for (const job of jobs) job.settle({ ok: false, error });
      return;
    }
    for (const [i, job] of jobs.entries())
      job.settle(outcomes[i] ?? { ok: false, error: new Error('write lost') });
  };

  const drain = async () => {
    running = true;
    try {
      while (queue.length > 0) await runGroup(queue.splice(0, MAX_GROUP));
    } finally {
      running = false;
    }
  };

  return {
    /** Runs `fn` in the next group's transaction; resolves (or rejects) once that group has committed. */
    run<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({
          fn,
          settle: (o) => (o.ok ? resolve(o.value as T) : reject(o.error)),
        });
        // The first write of a burst waits for the rest of this turn of the event loop (setImmediate runs right
        // after the sockets' reads), so the messages that arrived together share one commit.
        if (!running) {
          running = true;
          setImmediate(() => void drain());
        }
      });
    },
  };
}

const groups = new WeakMap<Kysely<Database>, ReturnType<typeof groupCommit>>();

/** The one group committer of a database handle (a store may be created over it more than once). */
export function groupCommitOf(db: Kysely<Database>) {
  let g = groups.get(db);
  if (!g) {
    g = groupCommit(db);
    groups.set(db, g);
  }
  return g;
}
