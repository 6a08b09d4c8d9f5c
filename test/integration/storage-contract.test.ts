import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomIds } from '../../server/lib/ids.ts';
import { type DatabaseHandle, type DatabaseTarget, openDatabase } from '../../server/storage/connect.ts';
import { createKyselyStore } from '../../server/storage/kysely-store.ts';
import { up as addDeliveryAndPages } from '../../server/storage/migrations/004-delivery-and-page-history.ts';
import { up as addPasswordChangeRequired } from '../../server/storage/migrations/005-password-change-required.ts';
import { up as addSystemEvents } from '../../server/storage/migrations/006-system-message-events.ts';
import { migrationProvider } from '../../server/storage/migrations/index.ts';
import type { ConversationRow, Store } from '../../server/storage/store.ts';
import { databaseTargets, type OpenStore, storeTargets } from '../support/database.ts';

const now = () => new Date().toISOString();

/** Conversations seeded here, closed again at the end: other tests on the same database count those waiting. */
const seeded: string[] = [];

async function seedConversation(store: Store): Promise<ConversationRow> {
  const visitorId = randomIds.id();
  await store.visitors.create({
    id: visitorId,
    tokenHash: randomIds.token(),
    name: null,
    email: null,
    verified: false,
    context: {},
    createdAt: now(),
    lastSeenAt: now(),
  });
  const c: ConversationRow = {
    id: randomIds.id(),
    visitorId,
    status: 'waiting',
    agentId: null,
    lastSeq: 0,
    preview: 'hi',
    trail: [],
    visitorReadSeq: 0,
    agentReadSeq: 0,
    visitorDeliveredSeq: 0,
    agentDeliveredSeq: 0,
    rating: null,
    ratingComment: null,
    waitingSince: now(),
    lastMessageAt: now(),
    closedAt: null,
    createdAt: now(),
    updatedAt: now(),
  };
  await store.conversations.create(c);
  seeded.push(c.id);
  return c;
}

const message = (conversationId: string, clientId: string | null, text = 'hello') => ({
  id: randomIds.id(),
  conversationId,
  clientId,
  author: 'visitor',
  authorId: null,
  authorName: null,
  text,
  createdAt: now(),
});

for (const { name, target } of databaseTargets()) {
  describe(`migrations on ${name}`, () => {
    let handle: DatabaseHandle;
    let store: Store;

    beforeAll(async () => {
      handle = await openDatabase(target());
      store = createKyselyStore(handle.db);
    });
    afterEach(async () => {
      for (const id of seeded.splice(0)) await store.conversations.update(id, { status: 'closed' });
    });
    afterAll(async () => {
      await handle?.close();
    });

    it('runs its migrations again without harm (a second node starting)', async () => {
      const again = await openDatabase(target());
      await again.close();
      const { rows } = await sql<{ n: number }>`select count(*) as n from agents`.execute(handle.db);
      expect(Number(rows[0]?.n)).toBeGreaterThanOrEqual(0);
    });

    it('adds delivery marks and page history without harm to a database that already has them', async () => {
      await expect(addDeliveryAndPages(handle.db as never)).resolves.toBeUndefined();
      const c = await seedConversation(store);
      expect(await store.conversations.byId(c.id)).toMatchObject({
        visitorDeliveredSeq: 0,
        agentDeliveredSeq: 0,
      });
    });

    it('adds the one-time password mark without harm to a database that already has it', async () => {
      await expect(addPasswordChangeRequired(handle.db as never)).resolves.toBeUndefined();
      await expect(addPasswordChangeRequired(handle.db as never)).resolves.toBeUndefined();
    });

    it('adds system message events without harm to a database that already has them', async () => {
      await expect(addSystemEvents(handle.db as never)).resolves.toBeUndefined();
    });
  });
}

for (const { name, open } of storeTargets()) {
  describe(`storage contract on ${name}`, () => {
    let opened: OpenStore;
    let store: Store;

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      for (const id of seeded.splice(0)) await store.conversations.update(id, { status: 'closed' });
    });
    afterAll(async () => {
      await opened?.close();
    });

    it('forgets settings under a prefix written before an instant, and only those', async () => {
      const tag = randomIds.id();
      await store.settings.put(`sweep-${tag}:old`, { email: 'old@example.com' }, '2026-01-01T00:00:00.000Z');
      await store.settings.put(`sweep-${tag}:new`, { email: 'new@example.com' }, '2026-01-03T00:00:00.000Z');
      await store.settings.put(`keep-${tag}:old`, { email: 'other@example.com' }, '2026-01-01T00:00:00.000Z');
      // A prefix is text, not a pattern: '_' and '%' in it match only themselves.
      expect(await store.settings.deleteOlder('sweep_%', '2026-01-02T00:00:00.000Z')).toBe(0);
      expect(await store.settings.deleteOlder(`sweep-${tag}:`, '2026-01-02T00:00:00.000Z')).toBe(1);
      expect(await store.settings.get(`sweep-${tag}:old`)).toBeUndefined();
      expect(await store.settings.get(`sweep-${tag}:new`)).toEqual({ email: 'new@example.com' });
      expect(await store.settings.get(`keep-${tag}:old`)).toEqual({ email: 'other@example.com' });
    });

    it('counts the agents who take conversations now: online, enabled, not editors', async () => {
      const before = await store.agents.countHandling();
      const add = async (status: string, role: string, disabled: boolean) => {
        const id = randomIds.id();
        await store.agents.create({
          id,
          email: `handling-${id}@example.com`,
          name: 'H',
          role,
          passwordHash: 'x',
          status,
          maxChats: 5,
          disabled,
          mustChangePassword: false,
          createdAt: now(),
        });
        return id;
      };
      const online = await add('online', 'agent', false);
      const others = [
        await add('offline', 'agent', false),
        await add('online', 'agent', true),
        await add('online', 'editor', false),
        await add('away', 'admin', false),
      ];
      expect(await store.agents.countHandling()).toBe(before + 1);
      for (const id of [online, ...others]) await store.agents.update(id, { status: 'offline' });
      expect(await store.agents.countHandling()).toBe(before);
    });

    it('keeps whether an agent must still replace a one-time password, and clears it', async () => {
      const id = randomIds.id();
      await store.agents.create({
        id,
        email: `otp-${id}@example.com`,
        name: 'O',
        role: 'agent',
        passwordHash: 'x',
        status: 'offline',
        maxChats: 5,
        disabled: false,
        mustChangePassword: true,
        createdAt: now(),
      });
      expect((await store.agents.byId(id))?.mustChangePassword).toBe(true);
      await store.sessions.create(`otp-${id}`, id, now(), new Date(Date.now() + 60_000).toISOString());
      expect((await store.sessions.agentFor(`otp-${id}`, now()))?.mustChangePassword).toBe(true);
      await store.agents.update(id, { passwordHash: 'y', mustChangePassword: false });
      expect(await store.agents.byId(id)).toMatchObject({ passwordHash: 'y', mustChangePassword: false });
      await store.agents.update(id, { mustChangePassword: true });
      expect((await store.agents.byEmail(`otp-${id}@example.com`))?.mustChangePassword).toBe(true);
    });

    it('keeps what a system message says beside its text, and nothing for other messages', async () => {
      const c = await seedConversation(store);
      const said = { kind: 'agent-joined', agentName: 'Zoë “Z” O’Brien' };
      const stored = await store.messages.append({
        ...message(c.id, null, 'Zoë “Z” O’Brien joined the conversation'),
        author: 'system',
        system: said,
      });
      expect(stored.message).toMatchObject({
        seq: 1,
        text: 'Zoë “Z” O’Brien joined the conversation',
        system: said,
      });
      await store.messages.append(message(c.id, 'plain-message-1', 'thanks'));
      const [joined, plain] = await store.messages.since(c.id, 0);
      expect(joined).toMatchObject({ author: 'system', system: said });
      expect(plain).toMatchObject({ author: 'visitor', text: 'thanks', system: null });
    });

    it('only ever moves a delivered or read mark forward, and never past the last message', async () => {
      const c = await seedConversation(store);
      for (let i = 0; i < 6; i++) await store.messages.append(message(c.id, `marks-${i}-xxxx`));
      expect(await store.conversations.advance(c.id, 'visitorDeliveredSeq', 3)).toMatchObject({
        id: c.id,
        visitorDeliveredSeq: 3,
      });
      expect(await store.conversations.advance(c.id, 'visitorDeliveredSeq', 2)).toBeUndefined();
      expect(await store.conversations.advance(c.id, 'visitorDeliveredSeq', 3)).toBeUndefined();
      expect(
        await store.conversations.advance(c.id, 'visitorDeliveredSeq', 4, 'someone-else'),
      ).toBeUndefined();
      const raced = await Promise.all(
        [5, 4, 99].map((s) => store.conversations.advance(c.id, 'agentReadSeq', s)),
      );
      expect(raced[2]?.agentReadSeq).toBe(6);
      expect(await store.conversations.byId(c.id)).toMatchObject({ visitorDeliveredSeq: 3, agentReadSeq: 6 });
    });

    it('keeps a visitor’s page history as given', async () => {
      const c = await seedConversation(store);
      const pages = [
        { url: 'https://shop.test/a', title: 'A', at: now() },
        { url: 'https://shop.test/b?q="x"&y=ü', title: null, at: now() },
      ];
      await store.visitors.update(c.visitorId, { pages });
      expect((await store.visitors.byId(c.visitorId))?.pages).toEqual(pages);
    });

    it('reads recent handling times from the event log: assigned to closed, newest close first', async () => {
      const at = (minutes: number) => new Date(Date.UTC(2030, 0, 1, 0, minutes)).toISOString();
      const a = await seedConversation(store);
      const b = await seedConversation(store);
      const never = await seedConversation(store);
      await store.events.add(a.id, 'assigned', null, {}, at(0));
      await store.events.add(b.id, 'assigned', null, {}, at(1));
      await store.events.add(a.id, 'closed', null, {}, at(5));
      await store.events.add(never.id, 'closed', null, {}, at(6));
      await store.events.add(b.id, 'closed', null, {}, at(11));
      // Transferred and closed again later: timed from the last assignment.
      await store.events.add(a.id, 'assigned', null, {}, at(20));
      await store.events.add(a.id, 'closed', null, {}, at(23));
      expect(await store.events.handlingTimes(4)).toEqual([3, 10, 5].map((m) => m * 60_000));
    });

    it('gives messages a gap-free sequence even when sent concurrently', async () => {
      const c = await seedConversation(store);
      await Promise.all(
        Array.from({ length: 25 }, (_, i) => store.messages.append(message(c.id, `client-${i}-xxxx`))),
      );
      const all = await store.messages.since(c.id, 0);
      expect(all.map((m) => m.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect((await store.conversations.byId(c.id))?.lastSeq).toBe(25);
    });

    it('stores a retried client id once and returns the first message', async () => {
      const c = await seedConversation(store);
      const results = await Promise.all(
        [1, 2, 3].map(() => store.messages.append(message(c.id, 'same-client-id', 'once'))),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
      expect(await store.messages.since(c.id, 0)).toHaveLength(1);
    });

    it('stores a message only in a conversation that meets the guard, and says what it left', async () => {
      const c = await seedConversation(store);
      expect(
        await store.messages.appendIf(message(c.id, 'guard-other-1'), { visitorId: 'someone-else' }),
      ).toBeUndefined();
      const stored = await store.messages.appendIf(message(c.id, 'guard-mine-01', 'mine'), {
        visitorId: c.visitorId,
        open: true,
      });
      expect(stored).toMatchObject({ created: true, message: { seq: 1, text: 'mine' } });
      expect(stored?.conversation).toMatchObject({ id: c.id, lastSeq: 1, visitorId: c.visitorId });
      const retried = await store.messages.appendIf(message(c.id, 'guard-mine-01', 'mine'), { open: true });
      expect(retried).toMatchObject({ created: false, message: { id: stored?.message.id } });
      await store.conversations.update(c.id, { status: 'closed' });
      expect(await store.messages.appendIf(message(c.id, 'guard-closed1'), { open: true })).toBeUndefined();
      expect((await store.messages.since(c.id, 0)).map((m) => m.seq)).toEqual([1]);
      expect((await store.conversations.byId(c.id))?.lastSeq).toBe(1);
    });

    it('returns only the messages after a given sequence, in order', async () => {
      const c = await seedConversation(store);
      for (let i = 0; i < 5; i++) await store.messages.append(message(c.id, `since-${i}-xxxx`, `m${i}`));
      const after = await store.messages.since(c.id, 3);
      expect(after.map((m) => m.text)).toEqual(['m3', 'm4']);
    });

    it('lets exactly one of several simultaneous claims win', async () => {
      const c = await seedConversation(store);
      const agents = await Promise.all(
        [1, 2, 3].map(async (i) => {
          const id = randomIds.id();
          await store.agents.create({
            id,
            email: `claim-${id}-${i}@example.com`,
            name: `Agent ${i}`,
            role: 'agent',
            passwordHash: 'x',
            status: 'online',
            maxChats: 5,
            disabled: false,
            mustChangePassword: false,
            createdAt: now(),
          });
          return id;
        }),
      );
      const wins = await Promise.all(agents.map((a) => store.conversations.claim(c.id, a, now())));
      expect(wins.filter(Boolean)).toHaveLength(1);
      const after = await store.conversations.byId(c.id);
      expect(after?.status).toBe('assigned');
      expect(agents[wins.indexOf(true)]).toBe(after?.agentId);
    });

    it('puts a conversation back in the queue only once, and only from the agent who has it', async () => {
      const c = await seedConversation(store);
      const agentId = randomIds.id();
      await store.agents.create({
        id: agentId,
        email: `release-${agentId}@example.com`,
        name: 'R',
        role: 'agent',
        passwordHash: 'x',
        status: 'offline',
        maxChats: 5,
        disabled: false,
        mustChangePassword: false,
        createdAt: now(),
      });
      expect(await store.conversations.claim(c.id, agentId, now())).toBe(true);
      expect(await store.conversations.release(c.id, 'someone-else', c.createdAt, now())).toBe(false);
      const both = await Promise.all(
        [1, 2].map(() => store.conversations.release(c.id, agentId, c.createdAt, now())),
      );
      expect(both.filter(Boolean)).toHaveLength(1);
      const after = await store.conversations.byId(c.id);
      expect(after).toMatchObject({ status: 'waiting', agentId: null, waitingSince: c.createdAt });
    });

    it('keeps the waiting queue in arrival order, and counts it', async () => {
      const before = (await store.conversations.waiting()).length;
      const counted = await store.conversations.waitingCount();
      const a = await seedConversation(store);
      const b = await seedConversation(store);
      const waiting = await store.conversations.waiting();
      expect(waiting.length).toBe(before + 2);
      expect(await store.conversations.waitingCount()).toBe(counted + 2);
      expect(waiting.findIndex((c) => c.id === a.id)).toBeLessThan(waiting.findIndex((c) => c.id === b.id));
    });

    it('finds an agent only through a live session', async () => {
      const id = randomIds.id();
      await store.agents.create({
        id,
        email: `Session-${id}@Example.com`,
        name: 'S',
        role: 'agent',
        passwordHash: 'x',
        status: 'offline',
        maxChats: 5,
        disabled: false,
        mustChangePassword: false,
        createdAt: now(),
      });
      expect((await store.agents.byEmail(`session-${id}@example.com`))?.id).toBe(id);
      await store.sessions.create(`live-${id}`, id, now(), new Date(Date.now() + 60_000).toISOString());
      await store.sessions.create(`expired-${id}`, id, now(), new Date(Date.now() - 1).toISOString());
      expect((await store.sessions.agentFor(`live-${id}`, now()))?.id).toBe(id);
      expect(await store.sessions.agentFor(`expired-${id}`, now())).toBeUndefined();
    });

    it('keeps every write of a transaction, or none when it fails part way', async () => {
      const c = await seedConversation(store);
      await store.transaction(async (tx) => {
        await tx.messages.append(message(c.id, 'tx-kept-0001', 'kept'));
        await tx.events.add(c.id, 'note', null, {}, now());
      });
      const failing = store.transaction(async (tx) => {
        await tx.conversations.update(c.id, { status: 'closed' });
        await tx.messages.append(message(c.id, 'tx-undone-01', 'undone'));
        throw new Error('the second write failed');
      });
      await expect(failing).rejects.toThrow('the second write failed');
      expect((await store.messages.since(c.id, 0)).map((m) => m.text)).toEqual(['kept']);
      expect(await store.conversations.byId(c.id)).toMatchObject({ status: 'waiting', lastSeq: 1 });
      expect((await store.events.list(c.id)).map((e) => e.kind)).toEqual(['note']);
      // The store serves again after a failed transaction.
      await store.messages.append(message(c.id, 'tx-after-001', 'after'));
      expect((await store.messages.since(c.id, 1)).map((m) => [m.seq, m.text])).toEqual([[2, 'after']]);
    });

    it('opens one conversation per visitor and start client id, however many starts race', async () => {
      const first = await seedConversation(store);
      const row = (id: string) => ({ ...first, id, startClientId: 'start-once-01' });
      const made = await Promise.all([1, 2, 3, 4].map(() => store.conversations.create(row(randomIds.id()))));
      expect(made.filter(Boolean)).toHaveLength(1);
      const found = await store.conversations.byStartClientId(first.visitorId, 'start-once-01');
      expect(found?.visitorId).toBe(first.visitorId);
      expect(await store.conversations.byStartClientId('someone-else', 'start-once-01')).toBeUndefined();
      // Another visitor may use the same client id, and conversations without one never clash.
      const other = await seedConversation(store);
      expect(
        await store.conversations.create({ ...other, id: randomIds.id(), startClientId: 'start-once-01' }),
      ).toBe(true);
      expect(await store.conversations.create({ ...other, id: randomIds.id() })).toBe(true);
      // Out of the queue again: other tests on this database count the visitors waiting.
      for (const c of [
        ...(await store.conversations.forVisitor(first.visitorId)),
        ...(await store.conversations.forVisitor(other.visitorId)),
      ])
        await store.conversations.update(c.id, { status: 'closed', waitingSince: null });
    });

    it('creates an agent once when several nodes add the same first admin at once', async () => {
      const email = `first-${randomIds.id()}@example.com`;
      const made = await Promise.all(
        [1, 2, 3].map((i) =>
          store.agents.createIfAbsent({
            id: randomIds.id(),
            email: email.toUpperCase(),
            name: `Admin ${i}`,
            role: 'admin',
            passwordHash: 'x',
            status: 'offline',
            maxChats: 5,
            disabled: false,
            mustChangePassword: false,
            createdAt: now(),
          }),
        ),
      );
      expect(made.filter(Boolean)).toHaveLength(1);
      expect((await store.agents.byEmail(email))?.email).toBe(email);
    });

    it('counts the most frequent unanswered searches', async () => {
      const since = now();
      await store.searches.add('Gift wrap', 0, null, now());
      await store.searches.add('gift wrap ', 0, null, now());
      await store.searches.add('refund', 3, null, now());
      const top = await store.searches.unanswered(since, 10);
      expect(top[0]).toEqual({ query: 'gift wrap', count: 2 });
      expect(top.find((t) => t.query === 'refund')).toBeUndefined();
    });
  });
}

/** A database made by the migrations up to `upTo`, with a conversation in it, on a scratch file or database. */
async function databaseBefore004(
  kind: 'sqlite' | 'postgres',
  upTo = '003-agent-invites',
  seed: string[] = [],
) {
  let target: DatabaseTarget;
  let drop = async () => {};
  if (kind === 'sqlite') {
    target = { kind, file: join(mkdtempSync(join(tmpdir(), 'parley-upgrade-')), 'parley.sqlite') };
  } else {
    // A scratch database: the real one is already upgraded.
    const name = `parley_upgrade_${randomIds.id()}`.toLowerCase();
    const admin = await openDatabase({ kind, url: process.env.DATABASE_URL ?? '' });
    await sql`create database ${sql.id(name)}`.execute(admin.db);
    const url = new URL(process.env.DATABASE_URL ?? '');
    url.pathname = `/${name}`;
    target = { kind, url: url.toString() };
    drop = async () => {
      await sql`drop database ${sql.id(name)}`.execute(admin.db);
      await admin.close();
    };
  }
  const db = new Kysely<unknown>({
    dialect:
      target.kind === 'sqlite'
        ? new SqliteDialect({ database: new SQLite(target.file) })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: 1 }) }),
  });
  const { error } = await new Migrator({ db, provider: migrationProvider(kind) }).migrateTo(upTo);
  if (error) throw error;
  const at = now();
  await sql`insert into visitors (id, token_hash, context, created_at, last_seen_at)
    values ('v-old', 'h-old', '{}', ${at}, ${at})`.execute(db);
  await sql`insert into conversations (id, visitor_id, status, last_seq, visitor_read_seq, last_message_at, created_at, updated_at)
    values ('c-old', 'v-old', 'assigned', 4, 3, ${at}, ${at}, ${at})`.execute(db);
  for (const statement of seed) await sql.raw(statement.replaceAll(':at', `'${at}'`)).execute(db);
  await sql`insert into agents (id, email, name, role, password_hash, status, max_chats, disabled, created_at)
    values ('a-old', 'old@example.com', 'Old', 'admin', 'x', 'offline', 5, 0, ${at})`.execute(db);
  await db.destroy();
  return { target, drop };
}

for (const { name, target } of databaseTargets()) {
  it(`upgrades a ${name} database from before delivery marks, page history and one-time password marks, keeping what it holds`, async () => {
    const old = await databaseBefore004(target().kind);
    try {
      const handle = await openDatabase(old.target);
      const store = createKyselyStore(handle.db);
      expect(await store.conversations.byId('c-old')).toMatchObject({
        lastSeq: 4,
        visitorReadSeq: 3,
        visitorDeliveredSeq: 0,
        agentDeliveredSeq: 0,
      });
      expect((await store.visitors.byId('v-old'))?.pages).toEqual([]);
      // An agent from before one-time passwords had to be replaced goes on as before.
      expect(await store.agents.byId('a-old')).toMatchObject({
        email: 'old@example.com',
        mustChangePassword: false,
      });
      await handle.close();
      // A second node starting on the upgraded database changes nothing.
      await (await openDatabase(old.target)).close();
    } finally {
      await old.drop();
    }
  });
}

for (const { name, target } of databaseTargets()) {
  it(`keeps showing a ${name} database's system messages from before their events, as their text`, async () => {
    const old = await databaseBefore004(target().kind, '004-delivery-and-page-history', [
      `insert into messages (id, conversation_id, seq, author, author_name, text, created_at)
        values ('m-old', 'c-old', 1, 'system', 'Ada', 'Ada joined the conversation', :at)`,
    ]);
    try {
      const handle = await openDatabase(old.target);
      const store = createKyselyStore(handle.db);
      expect(await store.messages.since('c-old', 0)).toMatchObject([
        { id: 'm-old', author: 'system', text: 'Ada joined the conversation', system: null },
      ]);
      await handle.close();
      await (await openDatabase(old.target)).close();
    } finally {
      await old.drop();
    }
  });
}

for (const { name, target } of databaseTargets()) {
  it(`gives a ${name} database's conversations from before it the start that opened them, one each`, async () => {
    const old = await databaseBefore004(target().kind, '006-system-message-events', [
      // A fault of old had opened two conversations from one start: only the older keeps it.
      `insert into conversations (id, visitor_id, status, last_seq, visitor_read_seq, last_message_at, created_at, updated_at)
        values ('c-twice-1', 'v-old', 'waiting', 1, 0, :at, :at, :at), ('c-twice-2', 'v-old', 'waiting', 1, 0, :at, :at, :at)`,
      `insert into messages (id, conversation_id, seq, client_id, author, text, created_at)
        values ('m-1', 'c-old', 1, 'start-old', 'visitor', 'hi', :at),
          ('m-2', 'c-twice-1', 1, 'start-twice', 'visitor', 'hello', :at),
          ('m-3', 'c-twice-2', 1, 'start-twice', 'visitor', 'hello', :at)`,
    ]);
    try {
      const handle = await openDatabase(old.target);
      const store = createKyselyStore(handle.db);
      expect((await store.conversations.byStartClientId('v-old', 'start-old'))?.id).toBe('c-old');
      expect((await store.conversations.byStartClientId('v-old', 'start-twice'))?.id).toBe('c-twice-1');
      const row = await store.conversations.byId('c-old');
      const third = row && { ...row, id: 'c-third', startClientId: 'start-twice' };
      expect(third && (await store.conversations.create(third))).toBe(false);
      await handle.close();
      await (await openDatabase(old.target)).close();
    } finally {
      await old.drop();
    }
  });
}
