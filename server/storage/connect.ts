import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Dialect as KyselyDialect, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { type Checkpointer, startCheckpointer } from './checkpointer.ts';
import { guardedDialect, type StorageState, StorageStatus } from './faults.ts';
import { type Dialect, migrationProvider } from './migrations/index.ts';
import { preparedStatements } from './pg-prepared.ts';
import { countQuery } from './query-count.ts';
import type { Database } from './schema.ts';
import { registerSqliteDirect } from './sqlite-direct.ts';
import { cachedStatements } from './statement-cache.ts';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** `up`, `down` (unreachable) or `full` (no disk space), from every query's outcome; see storage/faults.ts. */
  status: StorageStatus;
  /** Asks the database now (and, when its disk was full, tries a one-page write) and returns the state. */
  probe(): Promise<StorageState>;
  close(): Promise<void>;
}

/** `prepared: false`: every PostgreSQL query unnamed (see storage/pg-prepared.ts); named by default. */
export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; prepared?: boolean };

/**
 * DATABASE_URL wins; otherwise an SQLite file under DATA_DIR (':memory:' for tests). DATABASE_PREPARED=off
 * turns PostgreSQL's named statements off (behind a pooler that does not keep them).
 */
export function databaseTarget(
  databaseUrl: string | undefined,
  dataDir: string,
  prepared = process.env.DATABASE_PREPARED !== 'off',
): DatabaseTarget {
  return databaseUrl
    ? { kind: 'postgres', url: databaseUrl, prepared }
    : { kind: 'sqlite', file: join(dataDir, 'parley.sqlite') };
}

/**
 * The SQLite file and its folder are the owner's alone (0600, 0700) whatever the umask; SQLite gives its -wal
 * and -shm files the database file's mode.
 */
function ownerOnly(file: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Never a shared folder's mode (the sticky bit: /tmp): closing it would lock every other user out of it.
  if ((statSync(dir).mode & 0o1000) === 0) chmodSync(dir, 0o700);
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/** Opens the database and brings its schema up to date (safe when several nodes start at once). */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  const status = new StorageStatus();
  let inner: KyselyDialect;
  let direct: { sqlite: SQLite.Database; statements: ReturnType<typeof cachedStatements> } | undefined;
  if (target.kind === 'sqlite') {
    if (target.file !== ':memory:') ownerOnly(target.file);
    const sqlite = new SQLite(target.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // One statement cache for Kysely and the message hot path (storage/sqlite-direct.ts).
    direct = { sqlite, statements: cachedStatements(sqlite) };
    inner = new SqliteDialect({ database: direct.statements });
  } else {
    // Bounded waits while the database is away: a command is answered `unavailable` within 5 s (at once when the
    // server refuses connections), never left hanging.
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      connectionTimeoutMillis: 5000,
      query_timeout: 15_000,
    });
    // An idle client's connection dying (the server restarting: 57P01) is reported here; unhandled, it would end
    // the process. The pool drops that client and opens a new one on the next query.
    pool.on('error', (err) => status.fault(err));
    // A client taken from the pool (inside a transaction, between two statements) is not the pool's to watch: its
    // connection dying then is an 'error' event on the client itself, which would end the process unheard.
    pool.on('connect', (client) => client.on('error', (err) => status.fault(err)));
    inner = new PostgresDialect({ pool: target.prepared === false ? pool : preparedStatements(pool) });
  }
  const db = new Kysely<Database>({ dialect: guardedDialect(inner, status), log: countQuery });
  if (direct) registerSqliteDirect(db, direct.statements, direct.sqlite, status);
  const dialect: Dialect = target.kind;
  try {
    // Kysely's Postgres adapter takes an advisory lock around migrations; SQLite serialises on its file lock.
    const { error } = await new Migrator({ db, provider: migrationProvider(dialect) }).migrateToLatest();
    if (error) throw error;
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const probe = async (): Promise<StorageState> => {
    try {
      if (status.state === 'full' && dialect === 'sqlite') {
        // Rewriting the header's user_version needs a page of free space: it fails while the disk is full.
        const { rows } = await sql<{ user_version: number }>`pragma user_version`.execute(db);
        await sql.raw(`pragma user_version = ${Number(rows[0]?.user_version ?? 0)}`).execute(db);
      } else await sql`select 1`.execute(db);
    } catch {
      // the state is what the failure made it
    }
    return status.state;
  };
  const checkpoints: Checkpointer | undefined =
    direct && target.kind === 'sqlite' && target.file !== ':memory:'
      ? startCheckpointer(target.file, direct.sqlite, (message, err) => status.warn(message, err))
      : undefined;
  const close = async () => {
    await checkpoints?.stop();
    await db.destroy();
  };
  return { db, dialect, status, probe, close };
}
