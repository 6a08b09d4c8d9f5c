import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ConversationEvents, Conversations } from '../../server/domain/conversations/conversations.ts';
import { createEmitter } from '../../server/domain/emitter.ts';
import { Visitors } from '../../server/domain/identity/visitors.ts';
import { systemClock } from '../../server/lib/clock.ts';
import { randomIds } from '../../server/lib/ids.ts';
import type { Store } from '../../server/storage/store.ts';
import { failingInTransaction, type OpenStore, storeTargets } from '../support/database.ts';
import { connected, request, startTestServer } from '../support/server.ts';

const ROUNDS = 20;

for (const { name, open } of storeTargets()) {
  describe(`starting a conversation on ${name}`, () => {
    let opened: OpenStore;
    let store: Store;
    const domain = (s: Store) => {
      const events = createEmitter<ConversationEvents>();
      const told: string[] = [];
      events.on('conversation.changed', ({ kind }) => told.push(kind));
      events.on('message.created', () => told.push('message'));
      return {
        told,
        conversations: new Conversations({ store: s, clock: systemClock, ids: randomIds, events }),
      };
    };
    const visitorIds: string[] = [];
    const visitor = async () => {
      const made = await new Visitors({
        store,
        clock: systemClock,
        ids: randomIds,
        identitySecret: undefined,
      }).createSession();
      visitorIds.push(made.visitor.id);
      return made;
    };

    beforeAll(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      // Leave the shared database's queue as it was found: other tests count the visitors waiting.
      for (const id of visitorIds.splice(0))
        for (const c of await store.conversations.forVisitor(id))
          await store.conversations.update(c.id, { status: 'closed', waitingSince: null });
    });
    afterAll(async () => {
      await opened?.close();
    });

    it(`opens one conversation when two starts with the same client id arrive at once (${ROUNDS} rounds)`, async () => {
      // Two nodes (or one): each its own domain, the same database.
      const [a, b] = [domain(store), domain(store)];
      for (let round = 0; round < ROUNDS; round++) {
        const { visitor: v } = await visitor();
        const input = { clientId: `start-race-${round}`, text: `question ${round}`, name: 'Ann' };
        const [x, y] = await Promise.all([a.conversations.start(v, input), b.conversations.start(v, input)]);
        expect(y.conversation.id).toBe(x.conversation.id);
        expect(y.message.id).toBe(x.message.id);
        const mine = await store.conversations.forVisitor(v.id);
        expect(mine.map((c) => c.id)).toEqual([x.conversation.id]);
        expect((await store.messages.since(x.conversation.id, 0)).map((m) => m.text)).toEqual([
          `question ${round}`,
        ]);
        expect((await store.events.list(x.conversation.id)).map((e) => e.kind)).toEqual(['created']);
        await store.conversations.update(x.conversation.id, { status: 'closed' });
      }
      // Each new conversation was announced once, by the start that made it.
      expect([...a.told, ...b.told].filter((k) => k === 'created')).toHaveLength(ROUNDS);
      expect([...a.told, ...b.told].filter((k) => k === 'message')).toHaveLength(ROUNDS);
    });

    it('stores nothing of a start whose first message cannot be written, and announces nothing', async () => {
      const { visitor: v } = await visitor();
      const query = `half-made start ${randomIds.id()}`;
      const broken = domain(failingInTransaction(store, 'messages', 'append'));
      const trail = [{ kind: 'search' as const, query, resultCount: 0, at: new Date().toISOString() }];
      await expect(
        broken.conversations.start(v, { clientId: 'half-made-01', text: 'hello?', name: 'Half', trail }),
      ).rejects.toThrow('messages.append failed');
      expect(await store.conversations.forVisitor(v.id)).toEqual([]);
      expect((await store.visitors.byId(v.id))?.name).toBeNull();
      expect(await store.searches.escalated('2000-01-01', 100)).not.toContainEqual(
        expect.objectContaining({ query: query.toLowerCase() }),
      );
      expect(broken.told).toEqual([]);
      // The retry, once the fault has passed, opens the conversation whole.
      const { conversations } = domain(store);
      const { conversation } = await conversations.start(v, { clientId: 'half-made-01', text: 'hello?' });
      expect(await store.conversations.forVisitor(v.id)).toMatchObject([{ id: conversation.id, lastSeq: 1 }]);
    });

    it('leaves no claim without its event and joined line when the line cannot be written', async () => {
      const { visitor: v } = await visitor();
      const { conversations } = domain(store);
      const { conversation } = await conversations.start(v, { clientId: 'claim-fails-1', text: 'hi' });
      const agentId = randomIds.id();
      const agent = {
        id: agentId,
        email: `${agentId}@example.com`,
        name: 'Cleo',
        role: 'agent',
        passwordHash: 'x',
        status: 'online',
        maxChats: 5,
        disabled: false,
        mustChangePassword: false,
        createdAt: new Date().toISOString(),
      };
      await store.agents.create(agent);
      const broken = domain(failingInTransaction(store, 'messages', 'append'));
      await expect(broken.conversations.claim(agent, conversation.id)).rejects.toThrow(
        'messages.append failed',
      );
      expect(await store.conversations.byId(conversation.id)).toMatchObject({
        status: 'waiting',
        agentId: null,
      });
      expect((await store.events.list(conversation.id)).map((e) => e.kind)).toEqual(['created']);
      await conversations.claim(agent, conversation.id);
      expect((await store.messages.since(conversation.id, 0)).map((m) => m.author)).toEqual([
        'visitor',
        'system',
      ]);
    });
  });
}

describe('starting a conversation from two tabs at once, over the socket', () => {
  it('answers both tabs with one conversation and one first message (10 rounds)', async () => {
    const server = await startTestServer();
    try {
      for (let round = 0; round < 10; round++) {
        const { token } = await server.newVisitor();
        const tabs = [server.visitorSocket(token), server.visitorSocket(token)] as const;
        await Promise.all(tabs.map(connected));
        const input = { clientId: `two-tabs-${round}`, text: 'Is this in stock?' };
        const [a, b] = await Promise.all(tabs.map((t) => request(t, 'conversation:start', input)));
        if (!a?.ok || !b?.ok) throw new Error('a start was refused');
        expect(b.data.conversation.id).toBe(a.data.conversation.id);
        expect(b.data.message).toEqual(a.data.message);
        const sync = await request(tabs[0], 'conversation:sync', {});
        if (!sync.ok) throw new Error(sync.error.message);
        expect(sync.data.conversations.map((c) => c.id)).toEqual([a.data.conversation.id]);
        expect(sync.data.messages.map((m) => m.text)).toEqual(['Is this in stock?']);
        for (const t of tabs) t.disconnect();
      }
    } finally {
      await server.close();
    }
  });
});
