import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/storage/connect.ts';
import { sqliteDirectOf } from '../../server/storage/sqlite-direct.ts';

/**
 * The write-ahead log is copied back into the database file by a thread of its own, not by the server's
 * connection as it commits (server/storage/checkpointer.ts).
 */
describe('SQLite checkpoints off the event loop', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-ckpt-'));
    dirs.push(dir);
    return join(dir, 'parley.sqlite');
  };

  it('copies the log into the file while the server only commits, and tidies it away on close', async () => {
    const file = scratch();
    const handle = await openDatabase({ kind: 'sqlite', file });
    expect(sqliteDirectOf(handle.db)).toBeDefined();
    // The server's own connection checkpoints only far beyond SQLite's usual 1,000 pages.
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(handle.db);
    expect(rows[0]?.wal_autocheckpoint).toBe(10_000);
    await sql`create table scratch (id integer primary key, body text not null)`.execute(handle.db);
    const before = statSync(file).size;
    // About 4 MB of log (some 1,000 pages): under the server's limit, so only the thread can copy it.
    const body = 'x'.repeat(4000);
    for (let i = 0; i < 10; i++)
      await handle.db.transaction().execute(async (trx) => {
        for (let k = 0; k < 100; k++) await sql`insert into scratch (body) values (${body})`.execute(trx);
      });
    const deadline = Date.now() + 10_000;
    while (statSync(file).size < before + 3_000_000 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(statSync(file).size).toBeGreaterThan(before + 3_000_000);
    await handle.close();
    // The thread's connection closed first, so the server's, the last, checkpointed and removed the log.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = await openDatabase({ kind: 'sqlite', file });
    const count = await sql<{ n: number }>`select count(*) as n from scratch`.execute(again.db);
    expect(Number(count.rows[0]?.n)).toBe(1000);
    await again.close();
  });

  it('leaves a database in memory to checkpoint as SQLite does (no thread)', async () => {
    const handle = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(handle.db);
    expect(rows[0]?.wal_autocheckpoint).toBe(1000);
    await handle.close();
  });
});
