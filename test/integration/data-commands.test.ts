import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomIds } from '../../server/lib/ids.ts';
import { type DatabaseTarget, openDatabase } from '../../server/storage/connect.ts';
import { tablesOf } from '../../server/storage/copy-data.ts';
import { request, startTestServer } from '../support/server.ts';

const root = resolve(import.meta.dirname, '..', '..');
const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `parley-${name}-`));

function parley(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server', 'cli', 'parley.ts'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
}

/** Every row of every table, in key order: two databases with equal dumps hold the same data. */
async function dump(target: DatabaseTarget): Promise<Record<string, unknown[]>> {
  const handle = await openDatabase(target);
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of await tablesOf(handle)) {
      const order = sql.join((t.key.length > 0 ? t.key : t.columns.slice(0, 1)).map((k) => sql.ref(k)));
      const { rows } = await sql<
        Record<string, unknown>
      >`select * from ${sql.table(t.name)} order by ${order}`.execute(handle.db);
      out[t.name] = rows.map((r) =>
        Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))),
      );
    }
    return out;
  } finally {
    await handle.close();
  }
}

const sqliteAt = (dataDir: string): DatabaseTarget => ({
  kind: 'sqlite',
  file: join(dataDir, 'parley.sqlite'),
});

describe('backup, restore and moving data between databases', () => {
  const dataDir = tempDir('data');
  let original: Record<string, unknown[]>;

  beforeAll(async () => {
    // A real deployment's data: an agent, visitors who asked, an answer, a closed and rated chat.
    const server = await startTestServer({ database: sqliteAt(dataDir) });
    try {
      const ada = await server.agent('Ada');
      for (const text of ['Where is my parcel?', 'Can I return a lamp?', 'Ünïcödé & <b>tags</b> 🙂']) {
        const v = await server.visitorWithConversation(text);
        const claim = await request(ada.socket, 'conversation:claim', {
          conversationId: v.conversation.id,
        });
        expect(claim.ok).toBe(true);
        const reply = await request(ada.socket, 'message:send', {
          conversationId: v.conversation.id,
          clientId: randomIds.id(),
          text: `Answer to: ${text}`,
        });
        expect(reply.ok).toBe(true);
      }
      // The backup is taken while the server still has the database open.
      const backupFile = join(tempDir('backup'), 'parley-backup.sqlite');
      const r = parley(['backup', backupFile], { DATA_DIR: dataDir });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(statSync(backupFile).mode & 0o777).toBe(0o600);
      writeFileSync(join(dataDir, 'backup-path'), backupFile);
    } finally {
      await server.close();
    }
    original = await dump(sqliteAt(dataDir));
    // Three questions, three answers, and the three "Ada joined" lines.
    expect(original.messages?.length).toBe(9);
  });

  it('restores an online backup into a new data folder, every row the same', async () => {
    const { readFileSync } = await import('node:fs');
    const backupFile = readFileSync(join(dataDir, 'backup-path'), 'utf8');
    const restoredDir = tempDir('restored');
    const r = parley(['restore', backupFile], { DATA_DIR: restoredDir });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Restored');
    expect(statSync(join(restoredDir, 'parley.sqlite')).mode & 0o777).toBe(0o600);
    expect(await dump(sqliteAt(restoredDir))).toEqual(original);
  });

  it('refuses to restore a file that is not a Parley backup, and leaves the database as it was', async () => {
    const bogus = join(tempDir('bogus'), 'notes.sqlite');
    writeFileSync(bogus, 'these are not the pages of a database');
    const r = parley(['restore', bogus], { DATA_DIR: dataDir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is not a Parley backup/);
    expect(await dump(sqliteAt(dataDir))).toEqual(original);
  });

  it('says backup is for SQLite when a PostgreSQL database is configured', () => {
    const r = parley(['backup', join(tempDir('x'), 'b.sqlite')], {
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/pg_dump/);
  });

  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    describe('on a real PostgreSQL', () => {
      const name = `parley_migrate_${randomIds.id()}`.toLowerCase();
      const url = new URL(databaseUrl);
      url.pathname = `/${name}`;
      let admin: Awaited<ReturnType<typeof openDatabase>>;

      beforeAll(async () => {
        admin = await openDatabase({ kind: 'postgres', url: databaseUrl });
        await sql`create database ${sql.id(name)}`.execute(admin.db);
      });
      afterAll(async () => {
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
        await admin.close();
      });

      it('moves an SQLite deployment to PostgreSQL and back again with every row intact', async () => {
        const toPg = parley(['migrate-data', '--to', url.toString()], { DATA_DIR: dataDir });
        expect(toPg.stderr).toBe('');
        expect(toPg.status).toBe(0);
        expect(toPg.stdout).toMatch(/messages\s+9 -> 9/);
        const pg = await dump({ kind: 'postgres', url: url.toString() });
        expect(pg).toEqual(original);

        // Ids from PostgreSQL's sequences continue after the copied ones: the next event row is accepted.
        const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
        try {
          const conversationId = String((original.conversations?.[0] as { id: string } | undefined)?.id);
          const { rows } = await sql<{ id: number }>`
            insert into conversation_events (conversation_id, kind, data, created_at)
            values (${conversationId}, 'note', '{}', '2026-12-06T00:00:00Z') returning id`.execute(handle.db);
          const copiedIds = (original.conversation_events ?? []).map((e) => Number((e as { id: number }).id));
          expect(rows[0]?.id).toBeGreaterThan(Math.max(0, ...copiedIds));
          await sql`delete from conversation_events where id = ${rows[0]?.id}`.execute(handle.db);
        } finally {
          await handle.close();
        }

        // And back: PostgreSQL to a new SQLite data folder.
        const backDir = tempDir('back');
        const toSqlite = parley(['migrate-data', '--to', `sqlite:${backDir}`], {
          DATA_DIR: tempDir('unused'),
          DATABASE_URL: url.toString(),
        });
        expect(toSqlite.stderr).toBe('');
        expect(toSqlite.status).toBe(0);
        expect(await dump(sqliteAt(backDir))).toEqual(original);
      });

      it('refuses to copy into a database that already holds data', () => {
        const again = parley(['migrate-data', '--to', url.toString()], { DATA_DIR: dataDir });
        expect(again.status).toBe(1);
        expect(again.stderr).toMatch(/already holds data/);
      });
    });
  }
});
