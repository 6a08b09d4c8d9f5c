import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomIds } from '../../server/lib/ids.ts';
import { openDatabase } from '../../server/storage/connect.ts';
import { createKyselyStore } from '../../server/storage/kysely-store.ts';
import { up as invitesMigration } from '../../server/storage/migrations/003-agent-invites.ts';
import type { InviteRow, Store } from '../../server/storage/store.ts';
import { databaseTargets, type OpenStore, storeTargets } from '../support/database.ts';

const iso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();
const DAY = 86_400_000;

function inviteRow(over: Partial<InviteRow> = {}): InviteRow {
  return {
    id: randomIds.id(),
    tokenHash: randomIds.token(),
    email: `${randomIds.id()}@example.com`,
    name: 'Invited',
    role: 'agent',
    maxChats: null,
    createdBy: null,
    createdAt: iso(),
    expiresAt: iso(7 * DAY),
    acceptedAt: null,
    revokedAt: null,
    ...over,
  };
}

for (const { name, target } of databaseTargets()) {
  it(`can run the invites migration again without harm on ${name}`, async () => {
    const handle = await openDatabase(target());
    const store = createKyselyStore(handle.db);
    try {
      await invitesMigration(handle.db as unknown as Kysely<unknown>, handle.dialect);
      const row = inviteRow();
      await store.invites.create(row);
      expect(await store.invites.byId(row.id)).toEqual(row);
    } finally {
      await handle.close();
    }
  });
}

for (const { name, open } of storeTargets()) {
  describe(`storage contract for invites and sessions on ${name}`, () => {
    let opened: OpenStore;
    let store: Store;

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterAll(async () => {
      await opened?.close();
    });

    it('accepts an invite exactly once, even when asked concurrently', async () => {
      const row = inviteRow();
      await store.invites.create(row);
      const wins = await Promise.all(
        Array.from({ length: 5 }, () => store.invites.accept(row.tokenHash, iso())),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect((await store.invites.byTokenHash(row.tokenHash))?.acceptedAt).not.toBeNull();
      await store.invites.unaccept(row.tokenHash);
      expect((await store.invites.byTokenHash(row.tokenHash))?.acceptedAt).toBeNull();
    });

    it('never accepts an expired or revoked invite', async () => {
      const late = inviteRow({ expiresAt: iso(-DAY) });
      const withdrawn = inviteRow();
      await store.invites.create(late);
      await store.invites.create(withdrawn);
      expect(await store.invites.revoke({ id: withdrawn.id }, iso())).toBe(1);
      expect(await store.invites.revoke({ id: withdrawn.id }, iso())).toBe(0);
      expect(await store.invites.accept(late.tokenHash, iso())).toBe(false);
      expect(await store.invites.accept(withdrawn.tokenHash, iso())).toBe(false);
    });

    it('lists only pending invites, newest first, and revokes by email', async () => {
      const email = `${randomIds.id()}@Example.com`;
      const older = inviteRow({ email, createdAt: iso(-1000) });
      const newer = inviteRow({ createdAt: iso() });
      const used = inviteRow({ acceptedAt: iso() });
      for (const r of [older, newer, used]) await store.invites.create(r);
      const ids = (await store.invites.pending(iso())).map((r) => r.id);
      expect(ids.indexOf(newer.id)).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
      expect(ids).not.toContain(used.id);
      expect(await store.invites.revoke({ email: email.toUpperCase() }, iso())).toBe(1);
      expect((await store.invites.pending(iso())).map((r) => r.id)).not.toContain(older.id);
    });

    it('ends every session of an agent but the one to keep', async () => {
      const agentId = randomIds.id();
      await store.agents.create({
        id: agentId,
        email: `${agentId}@example.com`,
        name: 'S',
        role: 'agent',
        passwordHash: 'x',
        status: 'offline',
        maxChats: 5,
        disabled: false,
        mustChangePassword: false,
        createdAt: iso(),
      });
      for (const t of ['keep', 'drop-1', 'drop-2'])
        await store.sessions.create(`${agentId}-${t}`, agentId, iso(), iso(DAY));
      await store.sessions.deleteForAgent(agentId, `${agentId}-keep`);
      expect((await store.sessions.agentFor(`${agentId}-keep`, iso()))?.id).toBe(agentId);
      expect(await store.sessions.agentFor(`${agentId}-drop-1`, iso())).toBeUndefined();
      await store.sessions.deleteForAgent(agentId);
      expect(await store.sessions.agentFor(`${agentId}-keep`, iso())).toBeUndefined();
    });
  });
}
