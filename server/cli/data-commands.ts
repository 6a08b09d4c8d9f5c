import { chmodSync, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import type { Config } from '../config.ts';
import { type DatabaseTarget, databaseTarget, openDatabase } from '../storage/connect.ts';
import { copyData } from '../storage/copy-data.ts';

export const DATA_USAGE = `  npm run parley -- backup FILE
  npm run parley -- restore FILE
  npm run parley -- migrate-data --to postgres://USER@HOST/DB | --to sqlite:DATA_DIR

backup writes a consistent copy of the SQLite database to FILE while Parley runs (SQLite's online backup; on
PostgreSQL use pg_dump). restore puts a backup in place of the database under DATA_DIR: stop Parley first.
migrate-data copies every conversation, message, visitor, agent and setting from the database this command is
configured with (DATABASE_URL, else DATA_DIR) into an empty database of the other kind, which it brings to the
same schema first; both ways work.`;

/** A SQLite file that this version of Parley made: it has the migration table. */
function assertParleyFile(file: string): void {
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const row = db
      .prepare("select count(*) as n from sqlite_master where name = 'kysely_migration'")
      .get() as {
      n: number;
    };
    if (row.n !== 1) throw new Error('not a Parley database');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`damaged: ${String(check)}`);
  } catch (err) {
    throw new Error(`${file} is not a Parley backup (${err instanceof Error ? err.message : String(err)})`);
  } finally {
    db?.close();
  }
}

function sqliteFile(config: Config, command: string): string {
  const target = databaseTarget(config.databaseUrl, config.dataDir);
  if (target.kind !== 'sqlite') {
    throw new Error(`${command} is for the SQLite database; with DATABASE_URL set, use pg_dump / pg_restore`);
  }
  return target.file;
}

async function backup(config: Config, file: string | undefined): Promise<void> {
  if (!file) throw new Error('backup needs a FILE to write');
  const source = sqliteFile(config, 'backup');
  if (!existsSync(source)) throw new Error(`there is no database at ${source} yet`);
  const out = resolve(file);
  if (existsSync(out)) throw new Error(`${out} exists already; name a new file`);
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const { totalPages } = await db.backup(out);
    chmodSync(out, 0o600);
    process.stdout.write(
      `Backed up ${source} to ${out} (${totalPages} pages), readable by its owner only.\n`,
    );
  } finally {
    db.close();
  }
}

async function restore(config: Config, file: string | undefined): Promise<void> {
  if (!file) throw new Error('restore needs the FILE of a backup');
  const from = resolve(file);
  assertParleyFile(from);
  const live = sqliteFile(config, 'restore');
  const incoming = join(dirname(live), `.restoring-${process.pid}.sqlite`);
  // A copy through SQLite itself, so a backup taken from a live database restores whole.
  const src = new SQLite(from, { readonly: true, fileMustExist: true });
  try {
    rmSync(incoming, { force: true });
    await src.backup(incoming);
  } finally {
    src.close();
  }
  // The old write-ahead log belongs to the old file: left beside the new one it would be replayed into it.
  for (const f of [`${live}-wal`, `${live}-shm`]) rmSync(f, { force: true });
  renameSync(incoming, live);
  chmodSync(live, 0o600);
  // Brings a backup from an older Parley up to this version's schema.
  await (await openDatabase({ kind: 'sqlite', file: live })).close();
  process.stdout.write(`Restored ${from} into ${live}. Start Parley again.\n`);
}

function targetFrom(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (url.startsWith('sqlite:')) return databaseTarget(undefined, resolve(url.slice('sqlite:'.length)));
  throw new Error('--to takes postgres://… or sqlite:DATA_DIR');
}

async function migrateData(config: Config, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { to: { type: 'string' } } });
  if (!values.to) throw new Error('migrate-data needs --to postgres://… or --to sqlite:DATA_DIR');
  const source = databaseTarget(config.databaseUrl, config.dataDir);
  const target = targetFrom(values.to);
  if (source.kind === target.kind)
    throw new Error(`both databases are ${source.kind}: use backup and restore`);
  const from = await openDatabase(source);
  try {
    const to = await openDatabase(target);
    try {
      const copied = await copyData(from, to);
      const width = Math.max(...copied.map((c) => c.table.length));
      for (const c of copied) process.stdout.write(`${c.table.padEnd(width)}  ${c.source} -> ${c.target}\n`);
      const short = copied.filter((c) => c.source !== c.target);
      if (short.length > 0) throw new Error(`row counts differ for ${short.map((c) => c.table).join(', ')}`);
      const next =
        target.kind === 'postgres'
          ? `DATABASE_URL=${values.to}`
          : `DATA_DIR=${dirname(target.file)} and DATABASE_URL unset`;
      process.stdout.write(`Copied every table to the ${target.kind} database. Start Parley with ${next}.\n`);
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

/** The data commands; false when `command` is not one of them. */
export async function runDataCommand(
  command: string | undefined,
  args: string[],
  config: Config,
): Promise<boolean> {
  if (command === 'backup') await backup(config, args[0]);
  else if (command === 'restore') await restore(config, args[0]);
  else if (command === 'migrate-data') await migrateData(config, args);
  else return false;
  return true;
}
