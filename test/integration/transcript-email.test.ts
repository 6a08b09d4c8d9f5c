import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMailer, smtpMailer } from '../../server/domain/follow-up/mailer.ts';
import { fakeClock } from '../../server/lib/clock.ts';
import { connected, request, startTestServer } from '../support/server.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const SECRET = 'transcript-identity-secret';

/** Quoted-printable soft breaks undone, so a long link reads whole. */
const plain = (body: string) => body.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

describe('the chat transcript by email, confirmed by the address it goes to', () => {
  let smtp: TestSmtp;
  let server: Server;

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer({
      app: { mailer: smtpMailer(smtp.url) },
      compose: { identitySecret: SECRET },
    });
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  /** A visitor's chat with an agent reply and an internal note, ended. */
  async function endedChat(opts: { identify?: string } = {}) {
    const { token } = await server.newVisitor();
    const visitor = server.visitorSocket(token);
    await connected(visitor);
    if (opts.identify) {
      const hash = createHmac('sha256', SECRET).update(opts.identify).digest('hex');
      await request(visitor, 'visitor:identify', { name: 'Ada', email: opts.identify, hash });
    }
    const started = await request(visitor, 'conversation:start', {
      clientId: `t-${Math.random().toString(36).slice(2)}`,
      text: 'My order 1042 has not arrived',
    });
    if (!started.ok) throw new Error(started.error.message);
    const conversationId = started.data.conversation.id;
    const { socket: agent } = await server.agent('Nadia');
    await request(agent, 'conversation:claim', { conversationId });
    await request(agent, 'message:send', {
      conversationId,
      clientId: 'agent-reply-1',
      text: 'It ships today.',
    });
    await request(agent, 'message:send', {
      conversationId,
      clientId: 'agent-note-1',
      text: 'Customer is grumpy',
      internal: true,
    });
    await request(visitor, 'conversation:close', { conversationId });
    return { token, conversationId };
  }

  const ask = (token: string, body: unknown) =>
    fetch(`${server.url}/api/visitor/transcript`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://shop.test' },
      body: JSON.stringify({ token, ...(body as object) }),
    });

  it('sends a confirmation link first, and the transcript (without internal notes) once it is confirmed', async () => {
    const { token, conversationId } = await endedChat();
    const confirmation = smtp.next();
    const res = await ask(token, { conversationId, email: 'Reader@Example.com' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ outcome: 'confirm' });
    const first = plain((await confirmation).body);
    expect((await confirmation).to).toEqual(['reader@example.com']);
    expect(first).toContain('Subject: Confirm: send the chat transcript to this address');
    // The confirmation carries none of the chat: the form cannot carry a message to a stranger.
    expect(first).not.toContain('1042');
    const link = first.match(/http:\/\/\S+\/transcript\/confirm\?token=[\w-]+/)?.[0];
    expect(link).toBeDefined();

    // Opening the link (as a mail scanner would) sends nothing; it shows a button.
    const page = await fetch(link as string);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(await page.text()).toContain('reader@example.com');
    const before = smtp.received.length;

    const transcript = smtp.next();
    const tokenValue = new URL(link as string).searchParams.get('token') as string;
    const confirmed = await fetch(`${server.url}/transcript/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokenValue }).toString(),
    });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Transcript sent');
    const mail = plain((await transcript).body);
    expect(smtp.received.length).toBe(before + 1);
    expect(mail).toContain('Subject: Your chat transcript');
    expect(mail).toContain('You: My order 1042 has not arrived');
    expect(mail).toContain('Nadia: It ships today.');
    expect(mail).not.toContain('grumpy');

    // The link works once.
    const again = await fetch(link as string);
    expect(again.status).toBe(404);
    expect(await again.text()).toContain('no longer works');
  });

  it('sends at once to the address the site verified', async () => {
    const { token, conversationId } = await endedChat({ identify: 'ada@example.com' });
    const arrived = smtp.next();
    const res = await ask(token, { conversationId, email: 'ada@example.com' });
    expect(await res.json()).toEqual({ outcome: 'sent' });
    const mail = plain((await arrived).body);
    expect(mail).toContain('Subject: Your chat transcript');
    expect(mail).toContain('Nadia: It ships today.');
  });

  it("refuses another visitor's conversation, a bad address, and a flood of requests", async () => {
    const { conversationId } = await endedChat();
    const stranger = await server.newVisitor();
    const res = await ask(stranger.token, { conversationId, email: 'x@example.com' });
    expect(res.status).toBe(404);
    const own = await endedChat();
    const bad = await ask(own.token, { conversationId: own.conversationId, email: 'not an address' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('validation_failed');
    const noToken = await ask('nope', { conversationId: own.conversationId, email: 'x@example.com' });
    expect(noToken.status).toBe(401);

    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const r = await ask(own.token, { conversationId: own.conversationId, email: `flood${i}@example.com` });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
  });
});

describe('a transcript link that was never used', () => {
  it('stops working after 24 hours, by the server clock, and sends nothing', async () => {
    const smtp = await startSmtp();
    const clock = fakeClock();
    const server = await startTestServer({ app: { mailer: smtpMailer(smtp.url) }, compose: { clock } });
    try {
      const started = await server.visitorWithConversation('Please send me this later');
      const confirmation = smtp.next();
      const res = await fetch(`${server.url}/api/visitor/transcript`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://shop.test' },
        body: JSON.stringify({
          token: started.token,
          conversationId: started.conversation.id,
          email: 'late@example.com',
        }),
      });
      expect(res.status).toBe(202);
      const link = plain((await confirmation).body).match(
        /http:\/\/\S+\/transcript\/confirm\?token=[\w-]+/,
      )?.[0];
      const key = `transcript:${createHash('sha256')
        .update(new URL(link as string).searchParams.get('token') ?? '')
        .digest('hex')}`;
      expect(JSON.stringify(await server.store.settings.get(key))).toContain('late@example.com');
      clock.advance(24 * 3600_000 + 1000);
      expect((await fetch(link as string)).status).toBe(404);
      // The hourly sweep forgets the expired request, address and all.
      expect(await server.services.transcriptEmail(smtpMailer(smtp.url)).sweep()).toBe(1);
      expect(await server.store.settings.get(key)).toBeUndefined();
      const posted = await fetch(`${server.url}/transcript/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          token: new URL(link as string).searchParams.get('token') ?? '',
        }).toString(),
      });
      expect(posted.status).toBe(404);
      expect(smtp.received).toHaveLength(1);
    } finally {
      await server.close();
      await smtp.close();
    }
  });
});

describe('where no email leaves the server', () => {
  it('offers no transcript: with only the outbox folder the route is not there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-outbox-'));
    const quiet = { info() {}, warn() {}, error() {}, debug() {}, child: () => quiet } as never;
    const server = await startTestServer({ app: { mailer: outboxMailer(dir, quiet) } });
    const withSmtp = await startTestServer({ app: { mailer: smtpMailer('smtp://127.0.0.1:1') } });
    try {
      expect((await fetch(`${server.url}/api/visitor/transcript`)).status).toBe(404);
      const offered = await fetch(`${withSmtp.url}/api/visitor/transcript`);
      expect(await offered.json()).toEqual({ available: true });
    } finally {
      await server.close();
      await withSmtp.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
