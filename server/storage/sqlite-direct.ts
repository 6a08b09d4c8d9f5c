import type { Database as BetterSqlite, Statement } from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { StorageStatus } from './faults.ts';
import { countTransactionControl, queryCount } from './query-count.ts';
import type { Database } from './schema.ts';

/**
 * The better-sqlite3 connection behind a SQLite Kysely handle, for the one hot path that skips Kysely: a
 * message's append (storage/group-commit.ts). Kysely builds, compiles and runs each query through a chain of
 * promises; at thousands of messages a second that was a sixth of the server's CPU, more than SQLite's own work
 * for the same statements. Statements here are prepared once and run synchronously, and still pass through the
 * same fault watch (a full disk is `storage_full`) and the same query counts as Kysely's.
 */
export interface SqliteDirect {
  /** A statement prepared once per connection and SQL text. */
  statement(sqlText: string): Statement;
  /** Runs a statement counted as one query, as Kysely's log would have counted it. */
  run(stmt: Statement, ...params: unknown[]): { changes: number };
  /** Runs a statement that returns one row (or none), counted as one query. */
  get<R>(stmt: Statement, ...params: unknown[]): R | undefined;
  /** What a failure means for callers: a storage fault becomes its clear error, anything else passes through. */
  fault(err: unknown): unknown;
  /** A write succeeded (a full disk has room again). */
  wrote(): void;
  readonly inTransaction: boolean;
  countTransaction(statement: 'begin' | 'commit' | 'rollback'): void;
}

const handles = new WeakMap<Kysely<Database>, SqliteDirect>();

/** Called once by openDatabase for a SQLite handle. */
export function registerSqliteDirect(
  db: Kysely<Database>,
  sqlite: BetterSqlite,
  status: StorageStatus,
): void {
  const statements = new Map<string, Statement>();
  const counted = (sqlText: string) => {
    queryCount.total += 1;
    queryCount.tap?.(sqlText);
  };
  handles.set(db, {
    statement(sqlText) {
      let stmt = statements.get(sqlText);
      if (!stmt) {
        stmt = sqlite.prepare(sqlText);
        statements.set(sqlText, stmt);
      }
      return stmt;
    },
    run(stmt, ...params) {
      counted(stmt.source);
      return stmt.run(...params);
    },
    get<R>(stmt: Statement, ...params: unknown[]) {
      counted(stmt.source);
      const row = stmt.get(...params) as R | undefined;
      if (row !== undefined) queryCount.rows += 1;
      return row;
    },
    fault: (err) => status.fault(err),
    wrote: () => status.ok(true),
    get inTransaction() {
      return sqlite.inTransaction;
    },
    countTransaction: countTransactionControl,
  });
}

/** The direct connection of a handle made by openDatabase on SQLite; none for PostgreSQL or a transaction. */
export function sqliteDirectOf(db: Kysely<Database>): SqliteDirect | undefined {
  return handles.get(db);
}
