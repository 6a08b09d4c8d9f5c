import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../server/domain/settings.ts';
import { connected, request, startTestServer } from '../support/server.ts';

// Finding 4: the queue limit is the server's rule, not only what the widget is told.
describe('the queue limit, enforced where conversations start', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
    await server.services.settings.update({
      ...DEFAULT_SETTINGS,
      routing: { ...DEFAULT_SETTINGS.routing, queueLimit: 3 },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  async function start(extra: Record<string, unknown> = {}) {
    const socket = server.visitorSocket((await server.newVisitor()).token);
    await connected(socket);
    const ack = await request(socket, 'conversation:start', {
      clientId: `q-${Math.random().toString(36).slice(2)}`,
      text: 'Is anyone there?',
      ...extra,
    });
    socket.disconnect();
    return ack;
  }

  it('refuses a live start with queue_full once the queue holds queueLimit visitors', async () => {
    for (let i = 0; i < 3; i++) expect((await start()).ok).toBe(true);
    const refused = await start();
    expect(!refused.ok && refused.error.code).toBe('queue_full');
  });

  it('still takes a message left with an email (answered later), up to five times the limit', async () => {
    const kept = await start({ email: 'later@example.com' });
    expect(kept.ok).toBe(true);
    let refused = 0;
    for (let i = 0; i < 12; i++) if (!(await start({ email: `later${i}@example.com` })).ok) refused += 1;
    // 3 live + 1 + 11 more fill 15 = 5 x 3; the twelfth is refused.
    expect(refused).toBe(1);
  });
});
