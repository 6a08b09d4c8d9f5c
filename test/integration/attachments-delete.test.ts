import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileStorage } from '../../server/storage/files/file-storage.ts';
import { LocalFileStorage } from '../../server/storage/files/local-file-storage.ts';
import { S3FileStorage } from '../../server/storage/files/s3-file-storage.ts';
import { S3RVER_CREDENTIALS, startS3rver } from '../support/s3-server.ts';
import { startTestServer } from '../support/server.ts';

/**
 * Erasing a conversation's files (an admin, from the console's origin) removes them from the storage itself:
 * the folder on the local disk, the objects in the S3 bucket (s3rver on loopback). Signed links stop working.
 */
interface Backend {
  storage: FileStorage;
  /** What is really left of the conversation's files: names on disk, or keys in the bucket. */
  leftOf(conversationId: string): Promise<string[]>;
  stop(): Promise<void>;
}

const backends: Array<{ name: string; make(): Promise<Backend> }> = [
  {
    name: 'local disk',
    async make() {
      const dir = await mkdtemp(join(tmpdir(), 'parley-del-'));
      return {
        storage: new LocalFileStorage(dir),
        leftOf: (c) => readdir(join(dir, 'files', c)).catch(() => []),
        stop: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'S3 (s3rver on loopback)',
    async make() {
      const s3 = await startS3rver('parley-del');
      const { endpoint } = s3;
      const credentials = S3RVER_CREDENTIALS;
      const storage = new S3FileStorage({ bucket: 'parley-del', endpoint, prefix: 'p/', ...credentials });
      const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
      return {
        storage,
        leftOf: async (c) => {
          const out = await client.send(
            new ListObjectsV2Command({ Bucket: 'parley-del', Prefix: `p/${c}/` }),
          );
          return (out.Contents ?? []).map((o) => o.Key ?? '');
        },
        stop: async () => {
          client.destroy();
          storage.close();
          await s3.close();
        },
      };
    },
  },
];

describe.each(backends)("erasing a conversation's files: $name", ({ make }) => {
  let b: Backend;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    b = await make();
    server = await startTestServer({
      app: {
        attachments: {
          storage: b.storage,
          secret: 'delete-secret-delete-secret-delete',
          maxFileBytes: 64 * 1024,
          maxConversationBytes: 256 * 1024,
        },
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await b.stop();
  });

  const upload = async (conversationId: string, token: string, text: string) => {
    const res = await fetch(`${server.url}/api/attachments/${conversationId}?name=note.txt`, {
      method: 'POST',
      headers: { origin: 'http://shop.test', authorization: `Bearer ${token}` },
      body: text,
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { url: string; attachment: { id: string } };
  };
  const erase = (conversationId: string, headers: Record<string, string>) =>
    fetch(`${server.url}/api/attachments/${conversationId}`, { method: 'DELETE', headers });

  it('an admin erases every file of one conversation; links stop working; other conversations keep theirs', async () => {
    const one = await server.visitorWithConversation('My order arrived broken');
    const other = await server.visitorWithConversation('Another question');
    const first = await upload(one.conversation.id, one.token, 'photo one (as text)');
    await upload(one.conversation.id, one.token, 'photo two (as text)');
    const kept = await upload(other.conversation.id, other.token, 'a file that stays');
    expect(await b.leftOf(one.conversation.id)).toHaveLength(2);
    expect((await fetch(server.url + first.url)).status).toBe(200);

    const admin = await server.agent('Erasing Admin', 'admin');
    const res = await erase(one.conversation.id, { cookie: admin.cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: 2 });

    expect(await b.leftOf(one.conversation.id)).toEqual([]);
    expect((await fetch(server.url + first.url)).status).toBe(404);
    const link = await fetch(
      `${server.url}/api/attachments/${one.conversation.id}/${first.attachment.id}/link?name=n`,
      { headers: { cookie: admin.cookie } },
    );
    expect(link.status).toBe(404);
    expect(await b.leftOf(other.conversation.id)).toHaveLength(1);
    expect((await fetch(server.url + kept.url)).status).toBe(200);
  });

  it('only an admin, from Parley itself, may erase: an agent, the visitor, a foreign page are refused', async () => {
    const v = await server.visitorWithConversation('Keep my files please');
    await upload(v.conversation.id, v.token, 'still here');
    const agent = await server.agent('Plain Agent', 'agent');
    const admin = await server.agent('Admin Two', 'admin');
    expect((await erase(v.conversation.id, { cookie: agent.cookie })).status).toBe(403);
    expect((await erase(v.conversation.id, { authorization: `Bearer ${v.token}` })).status).toBe(401);
    const foreign = await erase(v.conversation.id, { cookie: admin.cookie, origin: 'http://evil.test' });
    expect(foreign.status).toBe(403);
    expect((await erase('no-such-conversation', { cookie: admin.cookie })).status).toBe(404);
    expect(await b.leftOf(v.conversation.id)).toHaveLength(1);
  });
});
