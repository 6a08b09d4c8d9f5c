import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../server/lib/clock.ts';
import { type DatabaseTarget, openDatabase } from '../../server/storage/connect.ts';
import type { FileStorage } from '../../server/storage/files/file-storage.ts';
import { LocalFileStorage } from '../../server/storage/files/local-file-storage.ts';
import { S3FileStorage } from '../../server/storage/files/s3-file-storage.ts';
import { S3RVER_CREDENTIALS, startS3rver } from '../support/s3-server.ts';
import { request, startTestServer } from '../support/server.ts';

/**
 * An admin erases a closed conversation (a GDPR erasure request): its messages, events and report facts leave
 * the database (SQLite, and PostgreSQL when DATABASE_URL is set) and its files leave the storage (the local disk,
 * and S3 through s3rver on loopback). Other conversations are untouched.
 */
async function localStorage() {
  const dir = await mkdtemp(join(tmpdir(), 'parley-erase-'));
  return {
    storage: new LocalFileStorage(dir) as FileStorage,
    filesLeft: (c: string) => readdir(join(dir, 'files', c)).catch(() => []),
    stop: () => rm(dir, { recursive: true, force: true }),
  };
}

async function s3Storage() {
  const s3 = await startS3rver('parley-erase');
  const storage = new S3FileStorage({ bucket: 'parley-erase', endpoint: s3.endpoint, ...S3RVER_CREDENTIALS });
  return {
    storage: storage as FileStorage,
    filesLeft: async (c: string) => (await storage.list(c)).map((f) => f.sha256),
    stop: async () => {
      storage.close();
      await s3.close();
    },
  };
}

const combos: Array<{ name: string; db: () => Promise<DatabaseTarget>; files: typeof localStorage }> = [
  {
    name: 'SQLite, local disk',
    db: async () => ({
      kind: 'sqlite',
      file: join(await mkdtemp(join(tmpdir(), 'parley-erase-db-')), 'p.sqlite'),
    }),
    files: localStorage,
  },
  {
    name: 'SQLite, S3',
    db: async () => ({
      kind: 'sqlite',
      file: join(await mkdtemp(join(tmpdir(), 'parley-erase-db-')), 'p.sqlite'),
    }),
    files: s3Storage,
  },
];
if (process.env.DATABASE_URL) {
  const url = process.env.DATABASE_URL;
  combos.push(
    { name: 'PostgreSQL, local disk', db: async () => ({ kind: 'postgres', url }), files: localStorage },
    { name: 'PostgreSQL, S3', db: async () => ({ kind: 'postgres', url }), files: s3Storage },
  );
}

describe.each(combos)('erasing a conversation: $name', ({ db, files }) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let store: Awaited<ReturnType<typeof localStorage>>;
  let target: DatabaseTarget;
  let check: Awaited<ReturnType<typeof openDatabase>>;

  beforeAll(async () => {
    target = await db();
    store = await files();
    server = await startTestServer({
      database: target,
      app: {
        attachments: {
          storage: store.storage,
          secret: 'erase-secret-erase-secret-erase-secret',
          maxFileBytes: 64 * 1024,
          maxConversationBytes: 256 * 1024,
        },
      },
    });
    check = await openDatabase(target);
  });
  afterAll(async () => {
    await check.close();
    await server.close();
    await store.stop();
  });

  /** Rows about one conversation in each table that holds any. */
  async function rowsAbout(id: string) {
    const count = async (table: string) =>
      Number(
        (
          await sql<{
            n: number;
          }>`select count(*) as n from ${sql.table(table)} where conversation_id = ${id}`.execute(check.db)
        ).rows[0]?.n,
      );
    return {
      conversations: Number(
        (await sql<{ n: number }>`select count(*) as n from conversations where id = ${id}`.execute(check.db))
          .rows[0]?.n,
      ),
      messages: await count('messages'),
      conversation_events: await count('conversation_events'),
      report_conversations: await count('report_conversations'),
    };
  }

  /** A conversation with a photo from the visitor and a reply from the agent, closed; and the visitor's link. */
  async function closedWithFile(text: string) {
    const v = await server.visitorWithConversation(text);
    const id = v.conversation.id;
    const up = await fetch(`${server.url}/api/attachments/${id}?name=receipt.txt`, {
      method: 'POST',
      headers: { origin: 'http://shop.test', authorization: `Bearer ${v.token}` },
      body: `The receipt for: ${text}`,
    });
    expect(up.status).toBe(201);
    const uploaded = (await up.json()) as { url: string; attachment: unknown };
    const sent = await request(v.socket, 'message:send', {
      conversationId: id,
      clientId: `erase-${Math.random().toString(36).slice(2)}`,
      text: 'Here is the receipt',
      attachments: [uploaded.attachment],
    } as never);
    expect(sent.ok).toBe(true);
    const agent = await server.agent('Eraser Agent');
    expect((await request(agent.socket, 'conversation:claim', { conversationId: id })).ok).toBe(true);
    return { id, url: uploaded.url, agent };
  }

  const erase = (id: string, cookie: string) =>
    fetch(`${server.url}/api/admin/conversations/${id}`, { method: 'DELETE', headers: { cookie } });

  it('an admin erases a closed conversation: its rows, report facts and files are gone; another stays', async () => {
    const gone = await closedWithFile('Erase me, please (GDPR)');
    const kept = await closedWithFile('Keep this one');
    const admin = await server.agent('Erasing Admin', 'admin');

    // Still open: refused, nothing deleted.
    const early = await erase(gone.id, admin.cookie);
    expect(early.status).toBe(409);
    expect(await store.filesLeft(gone.id)).toHaveLength(1);

    for (const c of [gone, kept])
      expect((await request(c.agent.socket, 'conversation:close', { conversationId: c.id })).ok).toBe(true);
    // The report facts are rolled up from the conversation (every minute; here at once).
    await server.services.reports.rollUp.refresh();
    expect((await rowsAbout(gone.id)).report_conversations).toBe(1);
    const before = await rowsAbout(gone.id);
    expect(before.messages).toBeGreaterThan(0);
    expect(before.conversation_events).toBeGreaterThan(0);

    // Another agent's console hears of it, and drops it from its lists.
    const heard = new Promise<string>((resolve) =>
      kept.agent.socket.once('conversation:erased', (e) => resolve(e.conversationId)),
    );
    const res = await erase(gone.id, admin.cookie);
    expect(res.status).toBe(200);
    expect(await heard).toBe(gone.id);
    expect(await res.json()).toEqual({ files: 1 });
    expect(await rowsAbout(gone.id)).toEqual({
      conversations: 0,
      messages: 0,
      conversation_events: 0,
      report_conversations: 0,
    });
    expect(await store.filesLeft(gone.id)).toEqual([]);
    expect((await fetch(server.url + gone.url)).status).toBe(404);
    const opened = await request(admin.socket, 'conversation:open', { conversationId: gone.id });
    expect(opened.ok ? 'ok' : opened.error.code).toBe('not_found');
    expect((await erase(gone.id, admin.cookie)).status).toBe(404);

    // The other conversation keeps everything.
    expect((await rowsAbout(kept.id)).messages).toBeGreaterThan(0);
    expect(await store.filesLeft(kept.id)).toHaveLength(1);
    expect((await fetch(server.url + kept.url)).status).toBe(200);
  });

  it('an agent who is not an admin cannot erase', async () => {
    const c = await closedWithFile('Not yours to erase');
    await request(c.agent.socket, 'conversation:close', { conversationId: c.id });
    expect((await erase(c.id, c.agent.cookie)).status).toBe(403);
    expect((await rowsAbout(c.id)).conversations).toBe(1);
    expect(await store.filesLeft(c.id)).toHaveLength(1);
  });
});

describe('a retention period', () => {
  it('erases conversations closed longer ago than the period, with their files, and keeps the rest', async () => {
    const clock = fakeClock(new Date('2026-10-01T09:00:00Z'));
    const files = await localStorage();
    const server = await startTestServer({
      compose: { clock },
      app: {
        retentionDays: 30,
        retentionSweepMs: 50,
        attachments: {
          storage: files.storage,
          secret: 'retention-secret-retention-secret-rete',
          maxFileBytes: 64 * 1024,
          maxConversationBytes: 256 * 1024,
        },
      },
    });
    try {
      let agent = await server.agent('Retention Agent');
      const withFile = async (text: string, close: boolean) => {
        const v = await server.visitorWithConversation(text);
        const up = await fetch(`${server.url}/api/attachments/${v.conversation.id}?name=a.txt`, {
          method: 'POST',
          headers: { origin: 'http://shop.test', authorization: `Bearer ${v.token}` },
          body: text,
        });
        expect(up.status).toBe(201);
        if (close) {
          await request(agent.socket, 'conversation:claim', { conversationId: v.conversation.id });
          const closed = await request(agent.socket, 'conversation:close', {
            conversationId: v.conversation.id,
          });
          expect(closed.ok).toBe(true);
        }
        return v.conversation.id;
      };
      const old = await withFile('Closed long ago', true);
      const stillOpen = await withFile('Open for ages', false);
      clock.advance(31 * 86400_000);
      // A month on, the first session has expired: the agent signs in again.
      agent = await server.agent('Retention Agent');
      const recent = await withFile('Closed yesterday', true);

      await expect.poll(() => server.store.conversations.byId(old), { timeout: 10_000 }).toBeUndefined();
      expect(await files.filesLeft(old)).toEqual([]);
      expect(await server.store.messages.since(old, 0)).toEqual([]);
      for (const kept of [stillOpen, recent]) {
        expect(await server.store.conversations.byId(kept)).toBeDefined();
        expect(await files.filesLeft(kept)).toHaveLength(1);
      }
    } finally {
      await server.close();
      await files.stop();
    }
  });
});
