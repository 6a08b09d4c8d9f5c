import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../server/domain/follow-up/mailer.ts';
import { fakeClock } from '../../server/lib/clock.ts';
import { LocalFileStorage } from '../../server/storage/files/local-file-storage.ts';
import { connected, request, startTestServer } from '../support/server.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';

/**
 * A follow-up email for a reply with files carries signed, expiring links to them, never the files: a proved
 * address gets the links, an address nobody proved gets only the names (the conversation's files stay in the
 * widget).
 */
const SECRET = 'attachment-follow-up-identity';
const PUBLIC = 'https://help.shop.test';
const PDF_BODY = 'The invoice for order 1042, with the customer address inside';
const pdf = Buffer.from(`%PDF-1.4\n% ${PDF_BODY}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);

/** The text of a raw email (quoted-printable undone). */
const textOf = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));

describe('follow-up emails with files', () => {
  let smtp: TestSmtp;
  let dir: string;
  const clock = fakeClock(new Date('2026-12-01T10:00:00Z'));
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    dir = await mkdtemp(join(tmpdir(), 'parley-mail-files-'));
    server = await startTestServer({
      compose: { identitySecret: SECRET, clock },
      app: {
        mailer: smtpMailer(smtp.url),
        followUpDelayMs: 50,
        publicUrl: PUBLIC,
        attachments: {
          storage: new LocalFileStorage(dir),
          secret: 'mail-secret-mail-secret-mail-secret',
          maxFileBytes: 64 * 1024,
          maxConversationBytes: 256 * 1024,
        },
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A visitor (proved or not) who asks and leaves; an agent replies with the PDF; the email that follows. */
  async function replyWithPdf(email: string, prove: boolean) {
    const { token } = await server.newVisitor();
    const visitor = server.visitorSocket(token);
    await connected(visitor);
    if (prove) {
      const hash = createHmac('sha256', SECRET).update(email).digest('hex');
      await request(visitor, 'visitor:identify', { email, hash });
    }
    const started = await request(visitor, 'conversation:start', {
      clientId: `mf-${Math.random().toString(36).slice(2)}`,
      text: 'Can I have my invoice?',
      email,
    });
    if (!started.ok) throw new Error(started.error.message);
    const conversationId = started.data.conversation.id;
    visitor.disconnect();
    const agent = await server.agent('Nadia');
    const up = await fetch(`${server.url}/api/attachments/${conversationId}?name=invoice-1042.pdf`, {
      method: 'POST',
      headers: { cookie: agent.cookie },
      body: new Uint8Array(pdf),
    });
    expect(up.status).toBe(201);
    const { attachment } = (await up.json()) as { attachment: unknown };
    const sent = await request(agent.socket, 'message:send', {
      conversationId,
      clientId: `mf-reply-${Math.random().toString(36).slice(2)}`,
      text: 'Here is your invoice.',
      attachments: [attachment],
    } as never);
    expect(sent.ok).toBe(true);
    while (!smtp.received.some((m) => m.to.includes(email))) await smtp.next();
    return textOf(smtp.received.find((m) => m.to.includes(email))?.body ?? '');
  }

  it('a proved address gets a signed link to the file, which works, and not the file itself', async () => {
    const mail = await replyWithPdf('proved-files@example.com', true);
    expect(mail).toContain('Here is your invoice.');
    expect(mail).not.toContain(PDF_BODY);
    expect(mail).not.toMatch(/Content-Disposition: attachment/i);
    const link = /invoice-1042\.pdf: (https:\/\/help\.shop\.test\/api\/attachments\/f\/\S+)/.exec(mail)?.[1];
    expect(link).toBeDefined();
    expect(mail).toContain('these links work for 7 days');
    const local = String(link).replace(PUBLIC, server.url);
    const file = await fetch(local);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).toString('latin1')).toContain(PDF_BODY);
    // Expiring: eight days later the same link is a 404.
    clock.advance(8 * 86400_000);
    expect((await fetch(local)).status).toBe(404);
  });

  it('an address nobody proved gets the file names and no link', async () => {
    const mail = await replyWithPdf('typed-files@example.com', false);
    expect(mail).toContain('Here is your invoice.');
    expect(mail).toContain('invoice-1042.pdf');
    expect(mail).toContain('open the help widget on our site to see them');
    expect(mail).not.toContain('/api/attachments/');
    expect(mail).not.toContain(PDF_BODY);
  });

  it("a visitor's transcript to a proved address links to both sides' files, and carries neither", async () => {
    const email = 'transcript-files@example.com';
    const { token } = await server.newVisitor();
    const visitor = server.visitorSocket(token);
    await connected(visitor);
    const hash = createHmac('sha256', SECRET).update(email).digest('hex');
    await request(visitor, 'visitor:identify', { email, hash });
    const started = await request(visitor, 'conversation:start', {
      clientId: `tf-${Math.random().toString(36).slice(2)}`,
      text: 'The box was crushed',
    });
    if (!started.ok) throw new Error(started.error.message);
    const conversationId = started.data.conversation.id;
    const photoUp = await fetch(`${server.url}/api/attachments/${conversationId}?name=crushed-box.txt`, {
      method: 'POST',
      headers: { origin: 'http://shop.test', authorization: `Bearer ${token}` },
      body: 'A description of the crushed box',
    });
    expect(photoUp.status).toBe(201);
    const sent = await request(visitor, 'message:send', {
      conversationId,
      clientId: 'tf-visitor-file',
      text: 'Here it is',
      attachments: [((await photoUp.json()) as { attachment: unknown }).attachment],
    } as never);
    expect(sent.ok).toBe(true);
    const mailed = smtp.next();
    const res = await fetch(`${server.url}/api/visitor/transcript`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://shop.test' },
      body: JSON.stringify({ token, conversationId, email }),
    });
    expect(res.status).toBe(202);
    const mail = textOf((await mailed).body);
    expect(mail).toContain('Subject: Your chat transcript');
    expect(mail).toContain('You: Here it is');
    const link = /crushed-box\.txt: (https:\/\/help\.shop\.test\/api\/attachments\/f\/\S+)/.exec(mail)?.[1];
    expect(link).toBeDefined();
    expect(mail).not.toContain('A description of the crushed box');
    const file = await fetch(String(link).replace(PUBLIC, server.url));
    expect(await file.text()).toBe('A description of the crushed box');
  });
});
