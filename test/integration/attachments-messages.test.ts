import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../server/protocol/dto.ts';
import { LocalFileStorage } from '../../server/storage/files/local-file-storage.ts';
import { databaseTargets } from '../support/database.ts';
import { nextEvent, request, requestUnchecked, startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

for (const db of databaseTargets())
  describe(`messages that carry attachments (${db.name})`, () => {
    let server: Server;
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'parley-att-msg-'));
      server = await startTestServer({
        database: db.target(),
        app: {
          attachments: {
            storage: new LocalFileStorage(dir),
            secret: 'message-test-secret-message-test-secret',
            maxFileBytes: 1024 * 1024,
            maxConversationBytes: 5 * 1024 * 1024,
          },
        },
      });
    });
    afterAll(async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    });

    const upload = async (
      conversationId: string,
      auth: Record<string, string>,
      body: Buffer,
      name: string,
    ) => {
      const res = await fetch(`${server.url}/api/attachments/${conversationId}?name=${name}`, {
        method: 'POST',
        headers: { origin: 'http://shop.test', ...auth },
        body: new Uint8Array(body),
      });
      expect(res.status).toBe(201);
      return (await res.json()).attachment;
    };

    it('delivers a visitor photo with its caption to the agent once, even when the send is retried', async () => {
      const { socket: agent, cookie } = await server.agent('Ada');
      const v = await server.visitorWithConversation('My parcel arrived broken');
      const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#864' } })
        .png()
        .toBuffer();
      const ref = await upload(
        v.conversation.id,
        { authorization: `Bearer ${v.token}` },
        photo,
        'damage.png',
      );

      const seen = nextEvent<MessageDTO>(agent, 'message:created', (m) => m.clientId === 'photo-send-0001');
      const input = {
        conversationId: v.conversation.id,
        clientId: 'photo-send-0001',
        text: 'Here is the damage',
        attachments: [ref],
      };
      const [a, b] = await Promise.all([
        request(v.socket, 'message:send', input),
        request(v.socket, 'message:send', input),
      ]);
      expect(a.ok && b.ok && a.data.message.id === b.data.message.id).toBe(true);
      expect((await seen).attachments).toEqual([
        { id: ref.id, name: 'damage.png', type: 'image/png', size: ref.size, width: 64, height: 48 },
      ]);

      const claimed = await request(agent, 'conversation:claim', { conversationId: v.conversation.id });
      expect(claimed.ok).toBe(true);
      const messages = await server.store.messages.since(v.conversation.id, 0);
      expect(messages.filter((m) => m.clientId === 'photo-send-0001')).toHaveLength(1);

      const link = await fetch(
        `${server.url}/api/attachments/${v.conversation.id}/${ref.id}/link?name=damage.png`,
        { headers: { cookie } },
      );
      const file = await fetch(`${server.url}${(await link.json()).url}`);
      expect(file.headers.get('content-type')).toBe('image/png');
    });

    it('lets an agent reply with a PDF that the visitor receives and can open', async () => {
      const { socket: agent, cookie } = await server.agent('Grace');
      const v = await server.visitorWithConversation('Invoice please');
      await request(agent, 'conversation:claim', { conversationId: v.conversation.id });
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      const ref = await upload(v.conversation.id, { cookie }, pdf, 'invoice.pdf');
      const got = nextEvent<MessageDTO>(v.socket, 'message:created', (m) => m.author === 'agent');
      const sent = await request(agent, 'message:send', {
        conversationId: v.conversation.id,
        clientId: 'pdf-reply-0001',
        text: 'Your invoice',
        attachments: [ref],
      });
      expect(sent.ok).toBe(true);
      const message = await got;
      expect(message.attachments?.[0]).toMatchObject({ name: 'invoice.pdf', type: 'application/pdf' });
      const link = await fetch(
        `${server.url}/api/attachments/${v.conversation.id}/${ref.id}/link?name=invoice.pdf`,
        { headers: { origin: 'http://shop.test', authorization: `Bearer ${v.token}` } },
      );
      const file = await fetch(`${server.url}${(await link.json()).url}`);
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    });

    it('refuses a reference that is not a file id, or a type off the allow-list, with validation_failed', async () => {
      const v = await server.visitorWithConversation('Bad refs');
      const bad = [
        { id: '../../etc/passwd', name: 'x', type: 'image/png', size: 1 },
        { id: 'a'.repeat(64), name: 'x.svg', type: 'image/svg+xml', size: 1 },
      ];
      for (const ref of bad) {
        const ack = await requestUnchecked(v.socket, 'message:send', {
          conversationId: v.conversation.id,
          clientId: `bad-ref-${ref.name}-01`,
          text: 'look',
          attachments: [ref],
        });
        expect(ack.ok ? 'ok' : ack.error.code).toBe('validation_failed');
      }
    });
  });
