import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../server/domain/follow-up/mailer.ts';
import { connected, request, startTestServer } from '../support/server.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';

// Finding 5: a visitor who proved nothing cannot make Parley carry their words to an address they typed, and
// one address gets few follow-ups however many conversations name it.
const SECRET = 'follow-up-identity-secret';

describe('follow-up emails to an address the visitor typed', () => {
  let smtp: TestSmtp;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer({
      compose: { identitySecret: SECRET },
      app: { mailer: smtpMailer(smtp.url), followUpDelayMs: 50 },
    });
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  /** A visitor who starts a conversation and leaves; the agent's reply then goes by email. */
  async function leftMessage(email: string, text: string, opts: { name?: string; prove?: boolean } = {}) {
    const { token } = await server.newVisitor();
    const visitor = server.visitorSocket(token);
    await connected(visitor);
    if (opts.prove) {
      const hash = createHmac('sha256', SECRET).update(email).digest('hex');
      await request(visitor, 'visitor:identify', { email, hash, ...(opts.name ? { name: opts.name } : {}) });
    }
    const started = await request(visitor, 'conversation:start', {
      clientId: `f-${Math.random().toString(36).slice(2)}`,
      text,
      email,
      ...(opts.name ? { name: opts.name } : {}),
    });
    if (!started.ok) throw new Error(started.error.message);
    visitor.disconnect();
    return (started.data as { conversation: { id: string } }).conversation.id;
  }

  async function reply(conversationId: string, text: string) {
    const { socket } = await server.agent('Nadia');
    const r = await request(socket, 'message:send', {
      conversationId,
      clientId: `r-${Math.random().toString(36).slice(2)}`,
      text,
    });
    expect(r.ok).toBe(true);
  }

  async function mailTo(address: string) {
    while (!smtp.received.some((m) => m.to.includes(address))) await smtp.next();
    return smtp.received.find((m) => m.to.includes(address));
  }

  it('quotes none of an unverified visitor’s words, and says who asked', async () => {
    const id = await leftMessage(
      'victim@example.com',
      'URGENT: your account is locked, log in at http://phish.example',
      {
        name: 'Your Bank Security Team',
      },
    );
    await reply(id, 'We will look into it.');
    const mail = await mailTo('victim@example.com');
    expect(mail?.body).toContain('We will look into it.');
    expect(mail?.body).not.toContain('phish.example');
    expect(mail?.body).not.toContain('Your Bank Security Team');
    expect(mail?.body).toMatch(/someone .*gave this address/i);
  });

  it('quotes the question to a visitor whose address was proved', async () => {
    const id = await leftMessage('proved@example.com', 'Where is order 1042?', { prove: true });
    await reply(id, 'It ships today.');
    const mail = await mailTo('proved@example.com');
    expect(mail?.body).toContain('Where is order 1042?');
  });

  it('sends one address a few follow-ups at most, however many conversations name it', async () => {
    for (let i = 0; i < 6; i++)
      await reply(await leftMessage('flooded@example.com', `Hi ${i}`), `Answer ${i}`);
    // The last reply's email arrives last: once it is in, every earlier one has been sent or held back.
    await reply(await leftMessage('barrier@example.com', 'Last one'), 'Done');
    await mailTo('barrier@example.com');
    const flooded = smtp.received.filter((m) => m.to.includes('flooded@example.com'));
    expect(flooded.length).toBeGreaterThan(0);
    expect(flooded.length).toBeLessThanOrEqual(3);
  });
});
