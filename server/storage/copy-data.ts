import { type Kysely, sql } from 'kysely';
import type { DatabaseHandle } from './connect.ts';

/** One table's row count on both sides after a copy. */
export interface CopiedTable {
  table: string;
  source: number;
  target: number;
}

interface TableInfo {
  name: string;
  columns: string[];
  /** Primary-key columns, in key order: the order rows are read in, a batch at a time. */
  key: string[];
  /** Tables this one's foreign keys point at. */
  parents: string[];
  /** Columns that Postgres fills from a sequence (serial): their sequences move past the copied ids. */
  serial: string[];
}

const BATCH = 500;
const internal = (name: string) => name.startsWith('kysely_') || name.startsWith('sqlite_');

async function sqliteTables(db: Kysely<unknown>): Promise<TableInfo[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(
    db,
  );
  const out: TableInfo[] = [];
  for (const { name } of rows) {
    if (internal(name)) continue;
    const cols = await sql<{
      name: string;
      pk: number;
    }>`select name, pk from pragma_table_info(${name})`.execute(db);
    const fks = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(
      db,
    );
    out.push({
      name,
      columns: cols.rows.map((c) => c.name),
      key: cols.rows
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
      parents: fks.rows.map((f) => f.table),
      serial: [],
    });
  }
  return out;
}

async function postgresTables(db: Kysely<unknown>): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  const out: TableInfo[] = [];
  for (const { name } of tables.rows) {
    if (internal(name)) continue;
    const cols = await sql<{ name: string; serial: boolean }>`
      select column_name as name, coalesce(column_default like 'nextval(%', false) as serial
      from information_schema.columns where table_schema = current_schema() and table_name = ${name}
      order by ordinal_position`.execute(db);
    const key = await sql<{ name: string }>`
      select a.attname as name from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = ${name}::regclass and i.indisprimary
      order by array_position(i.indkey, a.attnum)`.execute(db);
    const fks = await sql<{ parent: string }>`
      select ccu.table_name as parent from information_schema.table_constraints tc
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
      where tc.constraint_type = 'FOREIGN KEY' and tc.table_name = ${name}`.execute(db);
    out.push({
      name,
      columns: cols.rows.map((c) => c.name),
      key: key.rows.map((k) => k.name),
      parents: fks.rows.map((f) => f.parent),
      serial: cols.rows.filter((c) => c.serial).map((c) => c.name),
    });
  }
  return out;
}

/** Parents before children, so foreign keys hold at every insert. */
function parentsFirst(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: TableInfo[] = [];
  const visit = (t: TableInfo, path: Set<string>) => {
    if (done.has(t.name) || path.has(t.name)) return;
    path.add(t.name);
    for (const p of t.parents) {
      const parent = byName.get(p);
      if (parent && p !== t.name) visit(parent, path);
    }
    done.add(t.name);
    out.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t, new Set());
  return out;
}

export function tablesOf(handle: DatabaseHandle): Promise<TableInfo[]> {
  const db = handle.db as unknown as Kysely<unknown>;
  return handle.dialect === 'sqlite' ? sqliteTables(db) : postgresTables(db);
}

async function count(db: Kysely<unknown>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
    db,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Postgres answers bigint and numeric columns as strings; SQLite would keep them as text. */
function normalise(row: Record<string, unknown>): Record<string, unknown> {
  for (const [k, v] of Object.entries(row)) if (typeof v === 'bigint') row[k] = Number(v);
  return row;
}

/**
 * Copies every row of every Parley table from one database to another whose schema is at the same migration,
 * parents before children, a batch at a time in key order, in one transaction on the target: a copy that fails
 * half-way leaves the target as empty as it was. The target must hold no data.
 */
export async function copyData(from: DatabaseHandle, to: DatabaseHandle): Promise<CopiedTable[]> {
  const src = from.db as unknown as Kysely<unknown>;
  const dst = to.db as unknown as Kysely<unknown>;
  const sourceTables = parentsFirst(await tablesOf(from));
  const targetTables = new Map((await tablesOf(to)).map((t) => [t.name, t]));
  for (const t of sourceTables) {
    const target = targetTables.get(t.name);
    if (!target)
      throw new Error(`the target has no table ${t.name}: are both at the same version of Parley?`);
    if ((await count(dst, t.name)) > 0)
      throw new Error(`the target already holds data (table ${t.name}); copy only into an empty database`);
  }
  await dst.transaction().execute(async (tx) => {
    for (const t of sourceTables) {
      const columns = t.columns.filter((c) => targetTables.get(t.name)?.columns.includes(c));
      const key = t.key.length > 0 ? t.key : columns.slice(0, 1);
      let after: unknown[] | undefined;
      for (;;) {
        const keyList = sql.join(key.map((k) => sql.ref(k)));
        const where = after ? sql`where (${keyList}) > (${sql.join(after)})` : sql``;
        const { rows } = await sql<Record<string, unknown>>`
          select * from ${sql.table(t.name)} ${where} order by ${keyList} limit ${BATCH}`.execute(src);
        if (rows.length === 0) break;
        const values = rows.map((r) => {
          const row = normalise(r);
          return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
        });
        await tx
          .insertInto(t.name as never)
          .values(values as never)
          .execute();
        const last = rows[rows.length - 1] as Record<string, unknown>;
        after = key.map((k) => last[k]);
        if (rows.length < BATCH) break;
      }
      for (const column of targetTables.get(t.name)?.serial ?? []) {
        await sql`select setval(pg_get_serial_sequence(${t.name}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(t.name)}), 0) + 1, false)`.execute(
          tx,
        );
      }
    }
  });
  const out: CopiedTable[] = [];
  for (const t of sourceTables)
    out.push({ table: t.name, source: await count(src, t.name), target: await count(dst, t.name) });
  return out;
}
