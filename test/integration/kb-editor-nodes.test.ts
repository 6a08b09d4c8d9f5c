import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisAdapters } from '../support/redis-adapters.ts';
import { startTestServer, until } from '../support/server.ts';
import { tempKb } from '../unit/knowledge-base/helpers.ts';

const redisUrl = process.env.REDIS_URL;

// Two nodes need Redis between them: CI provides it (REDIS_URL), as for the other multi-node tests.
if (redisUrl) {
  describe('an edit in the browser is live on every node', () => {
    const { adapter, close: closeRedis } = redisAdapters(redisUrl);
    let a: Awaited<ReturnType<typeof startTestServer>>;
    let b: Awaited<ReturnType<typeof startTestServer>>;
    let kb: { dir: string; cleanup: () => Promise<void> };

    beforeAll(async () => {
      kb = await tempKb({ 'orders/track.md': '---\ntitle: Track an order\n---\nUse the link.\n' });
      // Each node its own database; they share the folder (as on a network disk) and Redis. Neither watches
      // the folder here: only the message between nodes can make B see A's save.
      [a, b] = await Promise.all([
        startTestServer({ kbDir: kb.dir, app: { adapter: await adapter() } }),
        startTestServer({ kbDir: kb.dir, app: { adapter: await adapter() } }),
      ]);
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await closeRedis();
      await kb.cleanup();
    });

    it('creates an article through node A and node B serves it, on its page and in search', async () => {
      const { cookie } = await a.agent('Edith', 'editor');
      const res = await fetch(`${a.url}/api/admin/kb/articles/orders/gift-wrapping`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/json', origin: a.url },
        body: JSON.stringify({
          text: '---\ntitle: Gift wrapping\n---\nWe wrap presents.\n',
          baseVersion: null,
        }),
      });
      expect(res.status).toBe(201);
      await until(async () => (await fetch(`${b.url}/kb/orders/gift-wrapping`)).status === 200);
      const search = (await (await fetch(`${b.url}/api/kb/search?q=gift+wrapping`)).json()) as {
        results: Array<{ slug: string }>;
      };
      expect(search.results[0]?.slug).toBe('orders/gift-wrapping');
    });
  });
}
