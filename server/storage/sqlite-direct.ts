import type { Kysely, SqliteDatabase } from 'kysely';
import type { StorageStatus } from './faults.ts';
import { countTransactionControl, queryCount } from './query-count.ts';
import type { Database } from './schema.ts';

/**
 * The better-sqlite3 connection behind a SQLite Kysely handle, for the one hot path that skips Kysely: a
 * message's append (storage/group-commit.ts). Kysely builds, compiles and runs each query through a chain of
 * promises; at thousands of messages a second that was a sixth of the server's CPU, more than SQLite's own work
 * for the same statements. Statements here come from the same prepared-statement cache Kysely uses
 * (storage/statement-cache.ts) and run synchronously, through the same fault watch (a full disk is
 * `storage_full`) and the same query counts as Kysely's.
 */
export interface SqliteDirect {
  /** Runs a statement, counted as one query as Kysely's log would have counted it. */
  run(sqlText: string, ...params: unknown[]): { changes: number };
  /** Runs a statement that returns one row (or none), counted as one query. */
  get<R>(sqlText: string, ...params: unknown[]): R | undefined;
  /** What a failure means for callers: a storage fault becomes its clear error, anything else passes through. */
  fault(err: unknown): unknown;
  /** A write succeeded (a full disk has room again). */
  wrote(): void;
  readonly inTransaction: boolean;
  /** BEGIN, COMMIT and ROLLBACK, counted as transaction control as the driver's are. */
  control(statement: 'begin' | 'commit' | 'rollback'): void;
}

const handles = new WeakMap<Kysely<Database>, SqliteDirect>();

/** Called once by openDatabase for a SQLite handle, with the statement cache its dialect was given. */
export function registerSqliteDirect(
  db: Kysely<Database>,
  statements: SqliteDatabase,
  connection: { readonly inTransaction: boolean },
  status: StorageStatus,
): void {
  const counted = (sqlText: string) => {
    queryCount.total += 1;
    queryCount.tap?.(sqlText);
  };
  handles.set(db, {
    run(sqlText, ...params) {
      counted(sqlText);
      return { changes: Number(statements.prepare(sqlText).run(params).changes) };
    },
    get<R>(sqlText: string, ...params: unknown[]) {
      counted(sqlText);
      const [row] = statements.prepare(sqlText).all(params) as R[];
      if (row !== undefined) queryCount.rows += 1;
      return row;
    },
    fault: (err) => status.fault(err),
    wrote: () => status.ok(true),
    get inTransaction() {
      return connection.inTransaction;
    },
    control(statement) {
      countTransactionControl(statement);
      statements.prepare(statement).run([]);
    },
  });
}

/** The direct connection of a handle made by openDatabase on SQLite; none for PostgreSQL or a transaction. */
export function sqliteDirectOf(db: Kysely<Database>): SqliteDirect | undefined {
  return handles.get(db);
}
