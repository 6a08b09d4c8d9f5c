import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../server/lib/clock.ts';
import { redisAdapters } from '../support/redis-adapters.ts';
import { startTestServer, until } from '../support/server.ts';

const redisUrl = process.env.REDIS_URL;

// Two nodes need Redis between them: CI provides it (REDIS_URL), as for the other multi-node tests.
if (redisUrl) {
  describe('a settings change is in force on every node at once', () => {
    const { adapter, close: closeRedis } = redisAdapters(redisUrl);
    const dir = mkdtempSync(join(tmpdir(), 'parley-settings-nodes-'));
    let a: Awaited<ReturnType<typeof startTestServer>>;
    let b: Awaited<ReturnType<typeof startTestServer>>;

    beforeAll(async () => {
      // One database for both nodes; a clock that stands still, so B's short settings cache never runs out by
      // itself: only the word from A can make B read the new settings.
      const database = { kind: 'sqlite' as const, file: join(dir, 'parley.sqlite') };
      const clock = fakeClock();
      a = await startTestServer({ database, compose: { clock }, app: { adapter: await adapter() } });
      b = await startTestServer({ database, compose: { clock }, app: { adapter: await adapter() } });
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await closeRedis();
      rmSync(dir, { recursive: true, force: true });
    });

    const greetingOn = async (node: typeof a) =>
      ((await (await fetch(`${node.url}/api/widget/settings`)).json()) as { greeting: string }).greeting;

    it('an admin saves on node A; node B answers with the new settings without waiting for its cache', async () => {
      expect(await greetingOn(b)).toBe('');
      const { cookie } = await a.agent('Root', 'admin');
      const current = await (await fetch(`${a.url}/api/admin/settings`, { headers: { cookie } })).json();
      const res = await fetch(`${a.url}/api/admin/settings`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/json', origin: a.url },
        body: JSON.stringify({ ...current, widget: { ...current.widget, greeting: 'Hello from the team' } }),
      });
      expect(res.status).toBe(200);
      await until(async () => (await greetingOn(b)) === 'Hello from the team');
    });
  });
}
