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

  it('still takes a message left with an email, outside the queue, which stays at the limit', async () => {
    for (let i = 0; i < 5; i++) expect((await start({ email: `later${i}@example.com` })).ok).toBe(true);
    expect((await fetch(`${server.url}/api/visitor/availability`).then((r) => r.json())).waiting).toBe(3);
  });
});
