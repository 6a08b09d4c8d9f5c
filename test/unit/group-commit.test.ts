import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { groupCommit } from '../../server/storage/group-commit.ts';
import type { Database } from '../../server/storage/schema.ts';
import { cachedStatements } from '../../server/storage/statement-cache.ts';

describe('SQLite group commit', () => {
  const raw = new SQLite(':memory:');
  const statements = cachedStatements(raw);
  let commits = 0;
  const counted = {
    close: () => statements.close(),
    prepare: (text: string) => {
      if (/^commit/i.test(text)) commits++;
      return statements.prepare(text);
    },
  };
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: counted }) });
  const group = groupCommit(db);
  const count = async () =>
    Number((await sql<{ n: number }>`select count(*) as n from notes`.execute(db)).rows[0]?.n);

  it('stores every one of many concurrent writes, each caller answered after its write is stored', async () => {
    await sql`create table notes (id integer primary key, text text not null unique)`.execute(db);
    const answered: number[] = [];
    const writes = Array.from({ length: 50 }, (_, i) =>
      group
        .run((trx) => sql`insert into notes (id, text) values (${i}, ${`note ${i}`})`.execute(trx))
        .then(async () => {
          // When a caller hears of its write, a fresh read outside any transaction finds it.
          const seen = raw.prepare('select count(*) as n from notes where id = ?').get(i) as { n: number };
          answered.push(seen.n);
        }),
    );
    await Promise.all(writes);
    expect(answered).toEqual(Array(50).fill(1));
    expect(await count()).toBe(50);
  });

  it('commits the writes that arrive in one turn of the event loop together, once', async () => {
    const before = commits;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        group.run((trx) =>
          sql`insert into notes (id, text) values (${1000 + i}, ${`burst ${i}`})`.execute(trx),
        ),
      ),
    );
    expect(commits - before).toBe(1);
    const alone = commits;
    await group.run((trx) => sql`insert into notes (id, text) values (1100, 'alone')`.execute(trx));
    expect(commits - alone).toBe(1);
  });

  it('undoes only the write that failed; the others in its group are stored', async () => {
    const results = await Promise.allSettled([
      group.run((trx) => sql`insert into notes (id, text) values (100, 'fine a')`.execute(trx)),
      group.run((trx) => sql`insert into notes (id, text) values (101, 'note 1')`.execute(trx)),
      group.run((trx) => sql`insert into notes (id, text) values (102, 'fine b')`.execute(trx)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    const texts = raw
      .prepare('select text from notes where id between 100 and 102 order by id')
      .all() as Array<{
      text: string;
    }>;
    expect(texts.map((t) => t.text)).toEqual(['fine a', 'fine b']);
  });

  it('tells every caller of a group whose commit failed that nothing was stored', async () => {
    // A deferred foreign-key-like failure at commit: a check that only the commit runs.
    raw.exec('create table parents (id integer primary key)');
    raw.exec(
      'create table kids (id integer primary key, parent integer references parents(id) deferrable initially deferred)',
    );
    raw.pragma('foreign_keys = ON');
    // The first write holds its group open until the next two are queued: they share the next commit.
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const first = group.run(async (trx) => {
      await held;
      return sql`insert into notes (id, text) values (199, 'first group')`.execute(trx);
    });
    // Its group starts on the next turn of the event loop; the two below arrive while it is open.
    await new Promise((r) => setImmediate(r));
    const settled = Promise.allSettled([
      group.run((trx) => sql`insert into kids (id, parent) values (1, 999)`.execute(trx)),
      group.run((trx) => sql`insert into notes (id, text) values (200, 'lost with the group')`.execute(trx)),
    ]);
    release();
    await first;
    const results = await settled;
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/);
    expect(raw.prepare('select count(*) as n from notes where id = 200').get()).toEqual({ n: 0 });
    expect(raw.prepare('select count(*) as n from notes where id = 199').get()).toEqual({ n: 1 });
    expect(raw.prepare('select count(*) as n from kids').get()).toEqual({ n: 0 });
  });
});
