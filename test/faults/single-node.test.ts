import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { smallDisk } from './support/services.ts';
import { until, World } from './support/world.ts';

/** How long half the visitors are away: the 30 s a phone on a train or a closed laptop lid is gone. */
const OFFLINE_MS = 30_000;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One node on SQLite, as most deployments run. */
function sqliteWorld(name: string, dataDir = mkdtempSync(join(tmpdir(), 'parley-faults-data-'))) {
  return new World(name, { kind: 'sqlite', file: join(dataDir, 'parley.sqlite') }, { DATA_DIR: dataDir });
}

describe('faults on one node (SQLite)', () => {
  let world: World | undefined;
  const cleanups: Array<() => void> = [];
  afterEach(async () => {
    await world?.close();
    for (const c of cleanups.splice(0)) c();
  });

  it('SIGKILL of the only node mid-stream, three times: nothing acknowledged is lost, nothing doubled', async () => {
    world = sqliteWorld('SIGKILL of the only node mid-stream (3×), SQLite');
    const node = await world.addNode();
    await world.people(8);
    world.talk();
    for (let k = 0; k < 3; k++) {
      await wait(1500);
      const faultAt = Date.now();
      await node.kill('SIGKILL');
      await node.start();
      await world.recovery(faultAt);
    }
    await wait(1000);
    await world.finish();
  });

  it('SIGTERM with writes in flight: the node finishes what it took, exits 0, and clients resume after the restart', async () => {
    world = sqliteWorld('SIGTERM with writes in flight, SQLite');
    const node = await world.addNode();
    await world.people(8);
    world.talk(1000);
    await wait(2000);
    expect(await node.kill('SIGTERM')).toBe(0);
    // Recovery counts from the moment the node was gone (what it took in before exiting was answered).
    const faultAt = Date.now();
    expect(node.logLines(/^stopped$/)).toHaveLength(1);
    await node.start();
    await world.recovery(faultAt);
    await wait(1000);
    await world.finish();
  });

  it('disk full and freed: writes refused with storage_full, the cause logged once, health says so, recovery by itself', async () => {
    const disk = smallDisk(24);
    cleanups.push(() => disk.close());
    world = sqliteWorld('disk full, then freed (SQLite on a 24 MB tmpfs)', disk.dir);
    const node = await world.addNode();
    await world.people(6);
    world.talk(1000);
    await wait(1500);
    const fullAt = Date.now();
    disk.fill();
    await until(async () => (await node.health('/healthz')).body.database === 'full', 20_000, 'health: full');
    expect((await node.health('/healthz')).status).toBe(503);
    expect((await node.health('/readyz')).status).toBe(503);
    await wait(2000);
    expect(node.alive).toBe(true);
    disk.free();
    await until(async () => (await node.health('/healthz')).status === 200, 20_000, 'health: up again');
    await world.recovery(fullAt);
    await wait(1000);
    await world.finish();
    expect(node.logLines(/disk under the database is full/)).toHaveLength(1);
    expect(node.logLines(/can write again/)).toHaveLength(1);
    expect(node.log()).not.toMatch(/cannot rollback/);
  });

  it(`clients offline for ${OFFLINE_MS / 1000} s come back to everything they missed, and their queued lines are sent once`, async () => {
    world = sqliteWorld(`half the visitors offline ${OFFLINE_MS / 1000} s, SQLite`);
    await world.addNode();
    await world.people(8);
    world.talk();
    await wait(1500);
    const away = world.visitors.filter((_, i) => i % 2 === 0);
    for (const v of away) v.goOffline();
    // They keep typing into their outboxes; the agent keeps replying to them.
    await wait(OFFLINE_MS);
    const backAt = Date.now();
    for (const v of away) v.goOnline();
    await world.recovery(backAt, away);
    await wait(1000);
    await world.finish();
  });
});
