import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NginxProcess, startNginx } from './support/nginx.ts';
import type { Node } from './support/nodes.ts';
import { type Postgres, type Redis, startPostgres, startRedis } from './support/services.ts';
import { until, World } from './support/world.ts';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sockets a node holds, from its own /metrics (asked straight, as a scraper on the node's machine does). */
async function sockets(node: Node): Promise<number> {
  try {
    const text = await (await fetch(`${node.url}/metrics`, { signal: AbortSignal.timeout(3000) })).text();
    const count = (ns: string) =>
      Number(
        new RegExp(`^parley_connected_sockets\\{namespace="${ns}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0,
      );
    return count('visitor') + count('agent');
  } catch {
    return 0;
  }
}

// nginx from Debian in front of two nodes, configured as docs/deploying.md says.
describe('behind nginx', () => {
  let pg: Postgres;
  let redis: Redis;
  let world: World;
  let lb: NginxProcess;
  beforeAll(async () => {
    pg = await startPostgres();
    redis = await startRedis();
  });
  afterAll(async () => {
    lb?.stop();
    await world?.close();
    await redis?.close();
    pg?.close();
  });

  it('keeps each client on one node, passes the WebSocket upgrade, and moves everyone to the other node when one is killed, losing nothing', async () => {
    const url = pg.newDatabase();
    world = new World(
      'nginx in front of two nodes, the busy one killed',
      { kind: 'postgres', url },
      {
        DATABASE_URL: url,
        REDIS_URL: redis.url,
      },
    );
    const nodes = [await world.addNode(), await world.addNode()];
    lb = await startNginx(nodes.map((n) => n.url));
    const through = () => [lb.url];
    await world.people(8, { agentUrls: through, visitorUrls: through });
    // Half the visitors connect as the widget does: long-polling first, then the upgrade, which needs stickiness.
    for (const v of world.visitors.slice(0, 4)) {
      v.transports = ['polling', 'websocket'];
      v.socket?.disconnect();
    }
    await until(() => world.visitors.every((v) => v.connected), 15_000, 'visitors back on polling + upgrade');
    await until(
      () => world.visitors.slice(0, 4).every((v) => v.socket?.io.engine?.transport.name === 'websocket'),
      15_000,
      'polling clients upgraded to a WebSocket through nginx',
    );

    // One client address, one node: every socket is on the same node.
    const counts = await Promise.all(nodes.map(sockets));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(9);
    const busy = counts[0] === 9 ? 0 : 1;
    expect(counts[busy]).toBe(9);

    // Operators scrape each node directly; the balancer does not show /metrics to the world.
    expect((await fetch(`${lb.url}/metrics`)).status).toBe(403);

    world.talk();
    await wait(2000);
    const faultAt = Date.now();
    await nodes[busy]?.kill('SIGKILL');
    await world.recovery(faultAt);
    const survivor = nodes[1 - busy] as Node;
    await until(
      async () => (await sockets(survivor)) === 9,
      20_000,
      'every client reconnected to the other node',
    );
    await wait(1500);
    await world.finish();
  });
});
