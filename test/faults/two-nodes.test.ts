import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Postgres, type Redis, startPostgres, startRedis } from './support/services.ts';
import { ADMIN, emptyConversations, until, World } from './support/world.ts';

const ADMIN_ENV = { PARLEY_ADMIN_EMAIL: ADMIN.email, PARLEY_ADMIN_PASSWORD: ADMIN.password };

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Redis is stopped this long (the 20 s; nothing in the server counts time while it is away). */
const REDIS_OUTAGE_MS = 20_000;

// PostgreSQL and Redis of our own (never the shared ones): these scenarios stop and restart them.
describe('faults on two nodes (PostgreSQL + Redis)', () => {
  let pg: Postgres;
  let redis: Redis;
  let world: World | undefined;
  beforeAll(async () => {
    pg = await startPostgres();
    redis = await startRedis();
  });
  afterEach(async () => {
    await world?.close();
    world = undefined;
    // A scenario that failed midway leaves the services as the next one needs them.
    pg.start();
    await redis.start();
  });
  afterAll(async () => {
    await redis?.close();
    pg?.close();
  });

  const clusterWorld = (name: string) => {
    const url = pg.newDatabase();
    return new World(name, { kind: 'postgres', url }, { DATABASE_URL: url, REDIS_URL: redis.url });
  };

  it('SIGKILL of one of two nodes: its clients move to the other and lose nothing', async () => {
    world = clusterWorld('SIGKILL of one of two nodes, PostgreSQL + Redis');
    // Both start at once on the empty database, both told to create the first admin: one does, neither exits.
    const [a] = await Promise.all([world.addNode(), world.addNode(true, ADMIN_ENV)]);
    // The agent starts on B (clients try the nodes in turn from their own start); visitors spread over both.
    const nodes = world.urls();
    await world.people(8, { agentUrls: () => [...nodes].reverse() });
    world.talk();
    await wait(2000);
    const faultAt = Date.now();
    await a?.kill('SIGKILL');
    await world.recovery(faultAt);
    await wait(1500);
    await world.finish();
  });

  it(`Redis stopped ${REDIS_OUTAGE_MS / 1000} s: commands keep working, health and the log say so, clients on the other node catch up`, async () => {
    world = clusterWorld(`Redis stopped ${REDIS_OUTAGE_MS / 1000} s, two nodes`);
    const [a, b] = [await world.addNode(), await world.addNode()];
    if (!a || !b) throw new Error('nodes');
    // Every visitor on A and the agent on B: everything either side sees of the other crosses Redis.
    await world.people(8, { agentUrls: () => [b.url], visitorUrls: () => [a.url] });
    world.talk();
    await wait(1500);
    const faultAt = Date.now();
    await redis.stop();
    const commandsWorking = world.recovery(faultAt);
    await until(async () => (await a.health('/readyz')).body.redis === 'down', 10_000, 'readyz: redis down');
    expect((await a.health('/readyz')).status).toBe(503);
    expect((await a.health('/healthz')).status).toBe(200);
    await wait(Math.max(0, REDIS_OUTAGE_MS - (Date.now() - faultAt)));
    await commandsWorking;
    await redis.start();
    await until(async () => (await b.health('/readyz')).status === 200, 20_000, 'readyz: back');
    await until(async () => (await a.health('/readyz')).status === 200, 20_000, 'readyz: back');
    await wait(1500);
    const row = await world.finish();
    expect(row.longestAckMs).toBeLessThan(REDIS_OUTAGE_MS);
    for (const n of [a, b]) {
      expect(n.logLines(/Redis is unreachable/)).toHaveLength(1);
      expect(n.logLines(/Redis is back/)).toHaveLength(1);
    }
  });

  it('PostgreSQL restarted: nodes stay up answering unavailable, health says so, and a node started meanwhile waits for it', async () => {
    world = clusterWorld('PostgreSQL stopped (-m fast) 5 s and started, two nodes');
    const [a, b] = [await world.addNode(), await world.addNode()];
    if (!a || !b) throw new Error('nodes');
    await world.people(8);
    world.talk();
    await wait(1500);
    const faultAt = Date.now();
    pg.stop();
    await until(async () => (await a.health('/healthz')).body.database === 'down', 10_000, 'health: db down');
    expect((await b.health('/healthz')).status).toBe(503);
    // A node started while the database is away waits for it (and says so) instead of exiting.
    const late = await world.addNode(false);
    await late.start(false);
    await until(() => late.logLines(/cannot reach the database/).length >= 2, 20_000, 'late node retrying');
    await wait(Math.max(0, 5000 - (Date.now() - faultAt)));
    pg.start();
    await world.recovery(faultAt);
    await late.ready();
    for (const n of [a, b]) {
      expect(n.alive).toBe(true);
      expect(n.logLines(/database is unreachable/)).toHaveLength(1);
      expect(n.logLines(/database is back/).length).toBeGreaterThanOrEqual(1);
    }
    await wait(1000);
    await world.finish();
  });

  it('a burst of 40 starts with a kill in the middle: one conversation per visitor, none empty', async () => {
    world = clusterWorld('40 starts at once, one of two nodes killed mid-burst');
    const [a] = [await world.addNode(), await world.addNode()];
    // Room in the queue for all 40 (the default limit, 20 waiting, would answer the rest queue_full).
    await world.settings((s) => {
      if (s.routing) s.routing.queueLimit = 100;
    });
    await world.people(40);
    for (const v of world.visitors) v.say();
    await wait(30);
    const faultAt = Date.now();
    await a?.kill('SIGKILL');
    // Each visitor's next line waits in their outbox behind the start (the widget sends in order).
    for (const v of world.visitors) v.say();
    await world.recovery(faultAt, world.visitors);
    await a?.start();
    world.agent.reply();
    await world.finish();
    expect(await emptyConversations(world.target)).toBe(0);
  });
});
