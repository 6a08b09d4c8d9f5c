import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { StorageStatus } from '../../server/storage/faults.ts';
import { groupCommit } from '../../server/storage/group-commit.ts';
import type { Database } from '../../server/storage/schema.ts';
import { registerSqliteDirect } from '../../server/storage/sqlite-direct.ts';
import { cachedStatements } from '../../server/storage/statement-cache.ts';

/** An in-memory database behind Kysely that counts the commits it is asked for. */
function countingDatabase() {
  const raw = new SQLite(':memory:');
  const statements = cachedStatements(raw);
  const commits = { n: 0 };
  const counted = {
    close: () => statements.close(),
    prepare: (text: string) => {
      if (/^commit/i.test(text)) commits.n++;
      return statements.prepare(text);
    },
  };
  return {
    raw,
    counted,
    commits,
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: counted }) }),
  };
}

describe('SQLite group commit', () => {
  const { raw, db, commits } = countingDatabase();
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
    const before = commits.n;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        group.run((trx) =>
          sql`insert into notes (id, text) values (${1000 + i}, ${`burst ${i}`})`.execute(trx),
        ),
      ),
    );
    expect(commits.n - before).toBe(1);
    const alone = commits.n;
    await group.run((trx) => sql`insert into notes (id, text) values (1100, 'alone')`.execute(trx));
    expect(commits.n - alone).toBe(1);
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

describe('SQLite group commit on the connection itself (the message hot path)', () => {
  const { raw, counted, db, commits } = countingDatabase();
  const status = new StorageStatus();
  registerSqliteDirect(db, counted, raw, status);
  const group = groupCommit(db);
  raw.exec('create table notes (id integer primary key, text text not null unique)');
  raw.exec('create table tally (n integer not null)');
  raw.exec('insert into tally (n) values (0)');
  const texts = (from: number, to: number) =>
    (
      raw.prepare('select text from notes where id between ? and ? order by id').all(from, to) as Array<{
        text: string;
      }>
    ).map((r) => r.text);
  const insert = (id: number, text: string) =>
    group.runDirect((d) => d.run('insert into notes (id, text) values (?, ?)', id, text).changes, {
      atomic: true,
    });
  /** Two changes, the second of which may be refused: needs its savepoint. */
  const countAndInsert = (id: number, text: string) =>
    group.runDirect((d) => {
      d.run('update tally set n = n + 1');
      return d.run('insert into notes (id, text) values (?, ?)', id, text).changes;
    });

  it('is in use on a handle that has a direct connection', () => {
    expect(group.direct).toBeDefined();
  });

  it('commits a burst once, each caller answered after the commit with its own outcome', async () => {
    const before = commits.n;
    const results = await Promise.allSettled([
      insert(1, 'one'),
      insert(2, 'two'),
      insert(3, 'one'), // refused: the text is taken
      insert(4, 'four'),
    ]);
    expect(commits.n - before).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(texts(1, 4)).toEqual(['one', 'two', 'four']);
  });

  it('undoes all of a refused write that changed something first, and only that write', async () => {
    const results = await Promise.allSettled([
      countAndInsert(10, 'ten'),
      countAndInsert(11, 'two'), // its tally increment goes with it
      countAndInsert(12, 'twelve'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(texts(10, 12)).toEqual(['ten', 'twelve']);
    expect(raw.prepare('select n from tally').get()).toEqual({ n: 2 });
  });

  it('shares a commit with writes that go through Kysely in the same turn', async () => {
    const before = commits.n;
    await Promise.all([
      insert(20, 'direct'),
      group.run((trx) => sql`insert into notes (id, text) values (21, 'kysely')`.execute(trx)),
      insert(22, 'direct again'),
    ]);
    expect(commits.n - before).toBe(1);
    expect(texts(20, 22)).toEqual(['direct', 'kysely', 'direct again']);
  });

  it('keeps Kysely transactions whole: a group waits for one that is open', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const open = db.transaction().execute(async (trx) => {
      await sql`insert into notes (id, text) values (30, 'inside')`.execute(trx);
      await held;
      throw new Error('changed my mind');
    });
    const direct = insert(31, 'outside');
    await new Promise((r) => setTimeout(r, 20));
    // Had the group run on the connection meanwhile, it would have committed the open transaction's insert.
    release();
    await expect(open).rejects.toThrow('changed my mind');
    await direct;
    expect(texts(30, 31)).toEqual(['outside']);
  });
});
