import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, request, startTestServer } from '../support/server.ts';

// Finding 3 across nodes: signing out on one node cuts the session's console held by another. The two nodes
// share an SQLite file and talk through Redis (REDIS_URL; vite.config.ts leaves this file out without it).
const redisUrl = process.env.REDIS_URL as string;

describe('sign-out on one node cuts the console on another', () => {
  const clients: Array<ReturnType<typeof createClient>> = [];
  let a: Awaited<ReturnType<typeof startTestServer>>;
  let b: Awaited<ReturnType<typeof startTestServer>>;

  async function adapter() {
    const pub = createClient({ url: redisUrl });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    clients.push(pub, sub);
    return createAdapter(pub, sub, { key: `parley-security-${process.pid}` });
  }

  beforeAll(async () => {
    const database = {
      kind: 'sqlite' as const,
      file: join(mkdtempSync(join(tmpdir(), 'parley-nodes-')), 'db.sqlite'),
    };
    a = await startTestServer({ database, app: { adapter: await adapter() } });
    b = await startTestServer({ database, app: { adapter: await adapter() } });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
  });

  it('logs out on node A; the console on node B disconnects at once', async () => {
    const { cookie, email } = await a.agent('Roamer');
    const onB = b.agentSocket(cookie);
    await connected(onB);
    const keeps = b.agentSocket(await a.signIn(email, 'correct horse battery'));
    await connected(keeps);
    const gone = new Promise<string>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('the console on node B is still connected')), 5000);
      onB.once('disconnect', (reason) => {
        clearTimeout(t);
        resolve(reason);
      });
    });
    const out = await fetch(`${a.url}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    expect((await request(keeps, 'inbox:list', {})).ok).toBe(true);
  });
});
