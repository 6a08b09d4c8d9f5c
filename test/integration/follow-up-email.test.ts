import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../server/domain/follow-up/mailer.ts';
import { connected, request, startTestServer } from '../support/server.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('follow-up email when the visitor has left', () => {
  let smtp: TestSmtp;
  let server: Server;

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startTestServer({
      app: { mailer: smtpMailer(smtp.url), followUpDelayMs: 100 },
    });
  });
  afterAll(async () => {
    await server.close();
    await smtp.close();
  });

  async function conversationFor(email: string) {
    const { token } = await server.newVisitor();
    const visitor = server.visitorSocket(token);
    await connected(visitor);
    const started = await request(visitor, 'conversation:start', {
      clientId: `mail-${email.replace(/\W/g, '')}`,
      text: 'Can you check my refund?',
      email,
    });
    if (!started.ok) throw new Error(started.error.message);
    return { visitor, conversationId: started.data.conversation.id };
  }

  it("emails the agent's reply to a visitor who is no longer on the site", async () => {
    const { visitor, conversationId } = await conversationFor('gone@example.com');
    visitor.disconnect();
    const { socket: agent } = await server.agent('Mailer');
    const arrived = smtp.next();
    await request(agent, 'message:send', {
      conversationId,
      clientId: 'reply-by-mail-1',
      text: 'Your refund was sent today.',
    });
    await arrived;
    const mail = smtp.received.find((m) => m.to.includes('gone@example.com'));
    expect(mail?.body).toContain('Your refund was sent today.');
    expect(mail?.body).toMatch(/Subject: Mailer replied to your question/);
  });

  it('emails the replies without the conversation’s system lines (they are in English)', async () => {
    const { visitor, conversationId } = await conversationFor('joined@example.com');
    visitor.disconnect();
    const { socket: agent } = await server.agent('Nadia');
    await request(agent, 'conversation:claim', { conversationId });
    const arrived = smtp.next();
    await request(agent, 'message:send', {
      conversationId,
      clientId: 'reply-after-join',
      text: 'Refund done.',
    });
    await arrived;
    const mail = smtp.received.find((m) => m.to.includes('joined@example.com'));
    expect(mail?.body).toContain('Nadia: Refund done.');
    expect(mail?.body).not.toContain('joined the conversation');
  });

  it('does not email a visitor who is still connected', async () => {
    const { conversationId } = await conversationFor('here@example.com');
    const { socket: agent } = await server.agent('Quiet');
    await request(agent, 'message:send', { conversationId, clientId: 'reply-in-widget', text: 'Seen live' });
    // A later email to someone who left proves the first grace period has passed without mail.
    const other = await conversationFor('later@example.com');
    other.visitor.disconnect();
    const arrived = smtp.next();
    await request(agent, 'message:send', {
      conversationId: other.conversationId,
      clientId: 'reply-later-1',
      text: 'x',
    });
    await arrived;
    expect(smtp.received.some((m) => m.to.includes('here@example.com'))).toBe(false);
  });
});
