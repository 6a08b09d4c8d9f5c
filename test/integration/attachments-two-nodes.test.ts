import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseTarget } from '../../server/storage/connect.ts';
import { S3FileStorage } from '../../server/storage/files/s3-file-storage.ts';
import { request, startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/**
 * Two nodes sharing one database and one S3 bucket (s3rver on loopback), each with its own storage client and the
 * same link secret: a file uploaded through one node is linked and served by the other.
 */
describe('attachments on two nodes with S3', () => {
  let dir: string;
  let s3: S3rver;
  let a: Server;
  let b: Server;
  const clients: S3FileStorage[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-2nodes-'));
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: join(dir, 's3'),
      configureBuckets: [{ name: 'parley-files', configs: [] }],
    });
    const { port } = (await s3.run()) as AddressInfo;
    const node = (database: DatabaseTarget) => {
      const storage = new S3FileStorage({
        bucket: 'parley-files',
        endpoint: `http://127.0.0.1:${port}`,
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
      });
      clients.push(storage);
      return startTestServer({
        database,
        app: {
          attachments: {
            storage,
            secret: 'shared-secret-shared-secret-shared-secret',
            maxFileBytes: 1024 * 1024,
            maxConversationBytes: 5 * 1024 * 1024,
          },
        },
      });
    };
    const database: DatabaseTarget = process.env.DATABASE_URL
      ? { kind: 'postgres', url: process.env.DATABASE_URL }
      : { kind: 'sqlite', file: join(dir, 'parley.sqlite') };
    a = await node(database);
    b = await node(database);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    for (const c of clients) c.close();
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves from one node a file uploaded through the other', async () => {
    const v = await a.visitorWithConversation('Photo of the damage');
    const up = await fetch(`${a.url}/api/attachments/${v.conversation.id}?name=note.txt`, {
      method: 'POST',
      headers: { origin: 'http://shop.test', authorization: `Bearer ${v.token}` },
      body: 'The corner of the box is crushed',
    });
    expect(up.status).toBe(201);
    const { attachment, url } = await up.json();

    const link = await fetch(
      `${b.url}/api/attachments/${v.conversation.id}/${attachment.id}/link?name=note.txt`,
      {
        headers: { origin: 'http://shop.test', authorization: `Bearer ${v.token}` },
      },
    );
    expect(link.status).toBe(200);
    for (const path of [url, (await link.json()).url]) {
      const file = await fetch(`${b.url}${path}`);
      expect(file.status).toBe(200);
      expect(await file.text()).toBe('The corner of the box is crushed');
    }
    const again = await fetch(`${b.url}/api/attachments/${v.conversation.id}?name=note.txt`, {
      method: 'POST',
      headers: { origin: 'http://shop.test', authorization: `Bearer ${v.token}` },
      body: 'The corner of the box is crushed',
    });
    expect(again.status).toBe(200);
  });

  it('a conversation erased through one node is gone, with its file, on the other', async () => {
    const v = await a.visitorWithConversation('Please erase this chat');
    const up = await fetch(`${a.url}/api/attachments/${v.conversation.id}?name=id-card.txt`, {
      method: 'POST',
      headers: { origin: 'http://shop.test', authorization: `Bearer ${v.token}` },
      body: 'A copy of an identity card',
    });
    expect(up.status).toBe(201);
    const { url } = await up.json();
    const agent = await b.agent('Two-node Admin', 'admin');
    expect(
      (await request(agent.socket, 'conversation:claim', { conversationId: v.conversation.id })).ok,
    ).toBe(true);
    expect(
      (await request(agent.socket, 'conversation:close', { conversationId: v.conversation.id })).ok,
    ).toBe(true);
    expect((await fetch(`${a.url}${url}`)).status).toBe(200);

    const erased = await fetch(`${b.url}/api/admin/conversations/${v.conversation.id}`, {
      method: 'DELETE',
      headers: { cookie: agent.cookie },
    });
    expect(erased.status).toBe(200);
    expect(await erased.json()).toEqual({ files: 1 });
    expect((await fetch(`${a.url}${url}`)).status).toBe(404);
    expect(await a.store.conversations.byId(v.conversation.id)).toBeUndefined();
    expect(await clients[0]?.list(v.conversation.id)).toEqual([]);
  });
});
