import type { Database as BetterSqlite } from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every distinct query the server sends (a few hundred); the oldest goes first beyond it. */
const MAX_STATEMENTS = 1000;

/**
 * Kysely's SQLite driver prepares every query again each time it runs; preparing (parsing and planning the
 * SQL) was a seventh of the server's CPU under chat traffic. This database object hands Kysely one prepared
 * statement per SQL text, made once and kept. better-sqlite3 statements are reusable and bind fresh
 * parameters on every call; one connection runs one query at a time, so a statement is never used twice at
 * once (a streaming read, which holds its statement open, gets a statement of its own).
 */
export function cachedStatements(db: BetterSqlite): SqliteDatabase & { readonly size: number } {
  const cache = new Map<string, SqliteStatement>();
  return {
    get size() {
      return cache.size;
    },
    close: () => {
      cache.clear();
      db.close();
    },
    prepare(sqlText: string): SqliteStatement {
      const hit = cache.get(sqlText);
      if (hit) {
        // Most recently used last: the map's order is the eviction order.
        cache.delete(sqlText);
        cache.set(sqlText, hit);
        return hit;
      }
      const stmt = streamSafe(db.prepare(sqlText), () => db.prepare(sqlText));
      cache.set(sqlText, stmt);
      if (cache.size > MAX_STATEMENTS) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return stmt;
    },
  };
}

/** `iterate` keeps the statement busy until the stream ends: it runs on a statement of its own. */
function streamSafe(stmt: SqliteStatement, fresh: () => SqliteStatement): SqliteStatement {
  return {
    reader: stmt.reader,
    all: (parameters) => stmt.all(parameters),
    run: (parameters) => stmt.run(parameters),
    iterate: (parameters) => fresh().iterate(parameters),
  };
}
