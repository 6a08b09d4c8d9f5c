import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  Kysely,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { DomainError } from '../domain/errors.ts';
import type { Logger } from '../lib/logger.ts';
import { ErrorCode } from '../protocol/errors.ts';
import { countTransactionControl, queryCount } from './query-count.ts';

/** What the database can do right now, as health and clients see it. */
export type StorageState = 'up' | 'down' | 'full';

/** Connection-level failures: the database is away (restarting, unreachable), not the query's fault. */
const DOWN_CODES = new Set([
  '57P01', // admin_shutdown (pg_ctl stop -m fast)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
]);
const DOWN_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Query read timeout|not queryable|ECONNREFUSED/i;
const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', '53100']);
const FULL_QUIET_MS = 5000;

/** `full` (no space left), `down` (the database is unreachable) or undefined (an ordinary error). */
export function storageFault(err: unknown): Exclude<StorageState, 'up'> | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = String((err as { code?: unknown }).code ?? '');
  if (FULL_CODES.has(code) || /database or disk is full|no space left/i.test(err.message)) return 'full';
  if (DOWN_CODES.has(code) || code.startsWith('SQLITE_IOERR') || DOWN_MESSAGES.test(err.message))
    return 'down';
  if ((err as { errors?: unknown[] }).errors?.some((e) => storageFault(e) === 'down')) return 'down'; // AggregateError
  return undefined;
}

/**
 * Watches every query: a fault is logged once when it starts (with its real cause) and once when it ends,
 * and each failing command gets a DomainError (`unavailable` / `storage_full`) instead of `internal`.
 */
export class StorageStatus {
  state: StorageState = 'up';
  private since = 0;
  private refused = 0;
  private lastFault = 0;
  private logger: Logger | undefined;

  /** The process's logger arrives after the database opens (the pool is made first). */
  attach(logger: Logger): void {
    this.logger = logger.child({ module: 'storage' });
  }

  /** Something operators should hear of that refuses no query (the checkpoint thread). */
  warn(message: string, err?: unknown): void {
    this.logger?.warn(err === undefined ? {} : { err }, message);
  }

  /** Records a failure; returns what the caller should throw. */
  fault(err: unknown): unknown {
    const kind = storageFault(err);
    if (!kind) return err;
    this.refused += 1;
    this.lastFault = Date.now();
    if (this.state !== kind) {
      this.state = kind;
      this.since = Date.now();
      this.logger?.error(
        { err },
        kind === 'full'
          ? 'the disk under the database is full: writes are refused with storage_full until space returns'
          : 'the database is unreachable: commands are answered with unavailable until it returns',
      );
    }
    return kind === 'full'
      ? new DomainError(ErrorCode.storageFull, 'The server has no disk space left; try again later')
      : new DomainError(ErrorCode.unavailable, 'The database is unavailable; try again shortly');
  }

  /** A query succeeded. `wrote`: it changed data (only that proves a full disk has room again). */
  ok(wrote: boolean): void {
    if (this.state === 'up') return;
    // A nearly full disk lets some writes through (SQLite reuses its WAL) while others fail: the disk counts as
    // writable again once writes have succeeded for a while with none refused.
    if (this.state === 'full' && (!wrote || Date.now() - this.lastFault < FULL_QUIET_MS)) return;
    this.logger?.info(
      { seconds: Math.round((Date.now() - this.since) / 100) / 10, refused: this.refused },
      this.state === 'full' ? 'the database can write again' : 'the database is back',
    );
    this.state = 'up';
    this.refused = 0;
  }
}

const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode']);
const isWrite = (q: CompiledQuery) =>
  WRITES.has(q.query.kind) || /^\s*(insert|update|delete|commit|pragma\s+\w+\s*=)/i.test(q.sql);

class GuardedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly status: StorageStatus,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      const result = await this.inner.executeQuery<R>(query);
      queryCount.rows += result.rows.length;
      this.status.ok(isWrite(query));
      return result;
    } catch (err) {
      throw this.status.fault(err);
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

const innerOf = (c: DatabaseConnection) => (c instanceof GuardedConnection ? c.inner : c);

class GuardedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly status: StorageStatus,
  ) {}

  init = () => this.inner.init();
  destroy = () => this.inner.destroy();
  releaseConnection = (c: DatabaseConnection) => this.inner.releaseConnection(innerOf(c));

  async acquireConnection(): Promise<DatabaseConnection> {
    try {
      return new GuardedConnection(await this.inner.acquireConnection(), this.status);
    } catch (err) {
      throw this.status.fault(err);
    }
  }

  async beginTransaction(c: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    countTransactionControl('begin');
    await this.inner.beginTransaction(innerOf(c), settings).catch((err) => {
      throw this.status.fault(err);
    });
  }

  async commitTransaction(c: DatabaseConnection): Promise<void> {
    countTransactionControl('commit');
    await this.inner.commitTransaction(innerOf(c)).catch((err) => {
      throw this.status.fault(err);
    });
    this.status.ok(true);
  }

  /**
   * A failed write (full disk, lost connection) has often ended the transaction already: SQLite rolls back on
   * SQLITE_FULL by itself, and a dropped PostgreSQL connection has nothing to roll back. The error that caused the
   * rollback is the one worth reporting, so a failing ROLLBACK is not allowed to replace it.
   */
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    countTransactionControl('rollback');
    await this.inner.rollbackTransaction(innerOf(c)).catch(() => undefined);
  }
}

/** The dialect with every query watched by `status`. */
export function guardedDialect(inner: Dialect, status: StorageStatus): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => new GuardedDriver(inner.createDriver(), status),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>) => inner.createIntrospector(db),
  };
}
