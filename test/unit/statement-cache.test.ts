import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { cachedStatements } from '../../server/storage/statement-cache.ts';

interface Db {
  notes: { id: number; text: string };
}

describe('SQLite statement cache', () => {
  const raw = new SQLite(':memory:');
  const cache = cachedStatements(raw);
  const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: cache }) });

  it('prepares each query once and binds fresh parameters every time', async () => {
    await sql`create table notes (id integer primary key, text text not null)`.execute(db);
    for (let i = 1; i <= 5; i++)
      await db
        .insertInto('notes')
        .values({ id: i, text: `note ${i}` })
        .execute();
    const sizeAfterInserts = cache.size;
    const texts: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const row = await db.selectFrom('notes').select('text').where('id', '=', i).executeTakeFirstOrThrow();
      texts.push(row.text);
    }
    expect(texts).toEqual(['note 1', 'note 2', 'note 3', 'note 4', 'note 5']);
    // One insert and one select statement, however many times they ran.
    expect(cache.size).toBe(sizeAfterInserts + 1);
  });

  it('streams a read that was cached, and runs it again after a stream stopped early', async () => {
    const query = db.selectFrom('notes').select('id').orderBy('id');
    expect((await query.execute()).length).toBe(5);
    const streamed: number[] = [];
    for await (const row of query.stream()) {
      streamed.push(row.id);
      if (streamed.length === 2) break;
    }
    expect(streamed).toEqual([1, 2]);
    expect((await query.execute()).map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reports a failing statement as an error and keeps serving', async () => {
    await expect(db.insertInto('notes').values({ id: 1, text: 'again' }).execute()).rejects.toThrow(/UNIQUE/);
    const n = await db
      .selectFrom('notes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(5);
  });
});
