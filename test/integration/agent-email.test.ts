import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Mail, Mailer } from '../../server/domain/follow-up/mailer.ts';
import { request, startTestServer } from '../support/server.ts';

/** Agents who opt in hear about visitors by email when nobody is at the console. */
describe('email for agents', () => {
  const sent: Mail[] = [];
  const mailer: Mailer = { describe: 'test', delivers: true, send: async (m) => void sent.push(m) };
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ app: { mailer, publicUrl: 'https://help.example.com' } });
  });
  afterAll(() => server.close());

  async function optIn(cookie: string, prefs: Record<string, boolean>) {
    const res = await fetch(`${server.url}/api/console/preferences`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        soundNewConversation: true,
        soundNewMessage: true,
        desktopNewConversation: true,
        desktopNewMessage: true,
        ...prefs,
      }),
    });
    expect(res.status).toBe(200);
  }

  it('an agent who opted in gets an email for each new offline message; one who did not gets none', async () => {
    const keen = await server.agent('Keen');
    const quiet = await server.agent('Quiet');
    await optIn(keen.cookie, { emailOfflineMessage: true });
    // Both sign out of the console: nobody is online, so the next start with an email is an offline message.
    keen.socket.disconnect();
    quiet.socket.disconnect();
    await vi.waitFor(async () => expect((await server.services.routing.availability()).agentsOnline).toBe(0));
    const { token } = await server.newVisitor();
    const visitor = server.visitorSocket(token);
    await new Promise<void>((r) => visitor.once('connect', () => r()));
    const started = await request(visitor, 'conversation:start', {
      clientId: 'offline-email-0001',
      text: 'Please call me back about order 1042',
      email: 'ada@example.com',
    });
    expect(started.ok).toBe(true);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ to: keen.email, subject: 'New offline message on Parley' });
    expect(sent[0]?.text).toContain('“Please call me back about order 1042”');
    expect(sent[0]?.text).toContain('https://help.example.com/console');
    expect(sent.some((m) => m.to === quiet.email)).toBe(false);
  });
});
