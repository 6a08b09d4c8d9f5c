import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomIds } from '../../server/lib/ids.ts';
import { type DatabaseHandle, openDatabase } from '../../server/storage/connect.ts';
import { createKyselyStore } from '../../server/storage/kysely-store.ts';
import type { Store } from '../../server/storage/store.ts';

// Needs PostgreSQL (CI provides it); vite.config.ts leaves this file out without DATABASE_URL.
const base = process.env.DATABASE_URL ?? '';

describe('named prepared statements on PostgreSQL', () => {
  const name = `parley_prepared_${randomIds.id()}`.toLowerCase();
  let admin: pg.Client;
  /** A connection of its own to the new database: the "newer node" that alters a table. */
  let migrator: pg.Client;
  let handle: DatabaseHandle;
  let store: Store;
  const visitorId = randomIds.id();

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    handle = await openDatabase({ kind: 'postgres', url: url.toString() });
    migrator = new pg.Client({ connectionString: url.toString() });
    await migrator.connect();
    store = createKyselyStore(handle.db);
    const now = new Date().toISOString();
    await store.visitors.create({
      id: visitorId,
      tokenHash: randomIds.id(),
      name: 'Nina',
      email: null,
      verified: false,
      context: {},
      createdAt: now,
      lastSeenAt: now,
    });
  });

  afterAll(async () => {
    await handle?.close();
    await migrator?.end();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  /** Runs `fn` on one connection (a transaction holds it) and lists what that connection has prepared. */
  const preparedBy = (fn: (tx: Store) => Promise<unknown>) =>
    handle.db.transaction().execute(async (trx) => {
      await fn(createKyselyStore(trx));
      const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
        trx,
      );
      return rows.map((r) => r.statement);
    });

  it('prepares each statement once per connection and answers the same', async () => {
    const statements = await preparedBy(async (tx) => {
      expect((await tx.visitors.byId(visitorId))?.name).toBe('Nina');
      expect((await tx.visitors.byId(visitorId))?.name).toBe('Nina');
    });
    expect(statements.filter((s) => s.includes('from "visitors" where "id" = $1'))).toHaveLength(1);
  });

  it('keeps answering when a table changes under a prepared statement (a newer node migrating)', async () => {
    // Every pooled connection prepares the read first.
    await Promise.all(Array.from({ length: 10 }, () => store.visitors.byId(visitorId)));
    await migrator.query('alter table visitors add column extra_one text');
    // Outside a transaction the stale statement is dropped and the query sent again: nobody sees an error.
    const reads = await Promise.all(Array.from({ length: 10 }, () => store.visitors.byId(visitorId)));
    expect(reads.map((v) => v?.name)).toEqual(Array(10).fill('Nina'));

    await Promise.all(Array.from({ length: 10 }, () => store.visitors.byId(visitorId)));
    await migrator.query('alter table visitors add column extra_two text');
    // Inside a transaction the command fails once (the transaction is spoilt) and its retry succeeds.
    const inTransaction = () => store.transaction((tx) => tx.visitors.byId(visitorId));
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, inTransaction));
    for (const o of outcomes)
      if (o.status === 'rejected')
        expect(String(o.reason)).toMatch(/cached plan must not change result type/);
    const retried = await Promise.all(Array.from({ length: 10 }, inTransaction));
    expect(retried.map((v) => v?.name)).toEqual(Array(10).fill('Nina'));
  });

  it('sends everything unnamed when told to (behind a pooler that does not keep statements)', async () => {
    const url = new URL(base);
    url.pathname = `/${name}`;
    const unnamed = await openDatabase({ kind: 'postgres', url: url.toString(), prepared: false });
    try {
      const statements = await unnamed.db.transaction().execute(async (trx) => {
        await createKyselyStore(trx).visitors.byId(visitorId);
        return (await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements`.execute(trx))
          .rows[0]?.n;
      });
      expect(statements).toBe(0);
    } finally {
      await unnamed.close();
    }
  });
});
