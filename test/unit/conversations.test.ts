import { beforeEach, describe, expect, it } from 'vitest';
import {
  type ChangeKind,
  type ConversationEvents,
  Conversations,
} from '../../server/domain/conversations/conversations.ts';
import { createEmitter } from '../../server/domain/emitter.ts';
import { Agents } from '../../server/domain/identity/agents.ts';
import { Visitors } from '../../server/domain/identity/visitors.ts';
import { fakeClock } from '../../server/lib/clock.ts';
import { randomIds } from '../../server/lib/ids.ts';
import { createMemoryStore } from '../../server/storage/memory-store.ts';
import type { Store } from '../../server/storage/store.ts';

describe('conversation rules', () => {
  let clock: ReturnType<typeof fakeClock>;
  let conversations: Conversations;
  let agents: Agents;
  let visitors: Visitors;
  let changes: ChangeKind[];
  let store: Store;

  beforeEach(() => {
    // The in-memory twin of the database store: it passes the same contract suite.
    store = createMemoryStore();
    clock = fakeClock();
    const events = createEmitter<ConversationEvents>();
    changes = [];
    events.on('conversation.changed', (e) => changes.push(e.kind));
    conversations = new Conversations({ store, clock, ids: randomIds, events, reopenWindowMs: 60_000 });
    agents = new Agents({ store, clock, ids: randomIds });
    visitors = new Visitors({ store, clock, ids: randomIds, identitySecret: 'a-secret-of-sixteen+' });
  });

  const start = async (text = 'Help me') => {
    const { visitor } = await visitors.createSession();
    const { conversation } = await conversations.start(visitor, {
      clientId: `c-${Math.random()}`.replace('.', ''),
      text,
    });
    return { visitor, conversation };
  };

  it('does not open a second conversation when a start is retried', async () => {
    const { visitor } = await visitors.createSession();
    const a = await conversations.start(visitor, { clientId: 'same-start-id', text: 'hi' });
    const b = await conversations.start(visitor, { clientId: 'same-start-id', text: 'hi' });
    expect(b.conversation.id).toBe(a.conversation.id);
    expect(b.message.id).toBe(a.message.id);
  });

  it('records the searches a visitor made before asking a person, for content-gap reports', async () => {
    const { visitor } = await visitors.createSession();
    const at = new Date().toISOString();
    await conversations.start(visitor, {
      clientId: 'with-trail-01',
      text: 'help',
      trail: [
        { kind: 'search', query: 'Gift wrap', resultCount: 0, at },
        { kind: 'article', slug: 'orders/x', title: 'X', at },
      ],
    });
    expect(await store.searches.escalated('2000-01-01', 10)).toEqual([{ query: 'gift wrap', count: 1 }]);
  });

  it('reopens a closed conversation when the visitor writes again within the window, and refuses after it', async () => {
    const { visitor, conversation } = await start();
    await conversations.close({ visitorId: visitor.id }, conversation.id);
    clock.advance(30_000);
    await conversations.sendFromVisitor(visitor, {
      conversationId: conversation.id,
      clientId: 'again-0001',
      text: 'one more thing',
    });
    expect(changes).toContain('reopened');
    await conversations.close({ visitorId: visitor.id }, conversation.id);
    clock.advance(61_000);
    await expect(
      conversations.sendFromVisitor(visitor, {
        conversationId: conversation.id,
        clientId: 'again-0002',
        text: 'late',
      }),
    ).rejects.toMatchObject({ code: 'conversation_closed' });
  });

  it('accepts one rating, only after the close', async () => {
    const { visitor, conversation } = await start();
    await expect(
      conversations.rate(visitor.id, { conversationId: conversation.id, rating: 5 }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await conversations.close({ visitorId: visitor.id }, conversation.id);
    const rated = await conversations.rate(visitor.id, {
      conversationId: conversation.id,
      rating: 4,
      comment: 'Quick!',
    });
    expect(rated).toMatchObject({ rating: 4, ratingComment: 'Quick!' });
    await expect(
      conversations.rate(visitor.id, { conversationId: conversation.id, rating: 1 }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('promises no wait time until there is an agent online and a history of closed conversations to go on', async () => {
    const { conversation } = await start();
    expect((await conversations.queueFacts()).get(conversation.id)).toEqual({
      position: 1,
      waitEstimateSeconds: null,
    });
    const ada = await agents.create({
      email: 'ada@example.com',
      name: 'Ada',
      role: 'agent',
      password: 'long enough pw',
    });
    await agents.setStatus(ada.id, 'online');
    for (const minutes of [2, 4, 30]) {
      const { conversation: c } = await start();
      await conversations.claim(ada, c.id);
      expect((await conversations.queueFacts()).get(conversation.id)?.waitEstimateSeconds).toBeNull();
      clock.advance(minutes * 60_000);
      await conversations.close({ agent: ada }, c.id);
    }
    // The typical (median) conversation took 4 minutes: one ahead of you, one agent.
    const facts = await conversations.queueFacts();
    expect(facts.get(conversation.id)?.position).toBe(1);
    expect(facts.get(conversation.id)?.waitEstimateSeconds).toBe(240);
  });

  it('keeps every waiting position right through a burst of starts and a claim, from one read of the queue', async () => {
    let reads = 0;
    const waiting = store.conversations.waiting;
    store.conversations.waiting = () => {
      reads += 1;
      return waiting();
    };
    const queue: string[] = [];
    const positions = async (fresh = false) => {
      const facts = await conversations.queueFacts(fresh);
      return queue.map((id) => facts.get(id)?.position ?? null);
    };
    queue.push((await start()).conversation.id);
    expect(await positions()).toEqual([1]);
    for (let i = 0; i < 4; i++) {
      clock.advance(1);
      queue.push((await start()).conversation.id);
    }
    expect(await positions()).toEqual([1, 2, 3, 4, 5]);
    const ada = await agents.create({
      email: 'ada@example.com',
      name: 'Ada',
      role: 'agent',
      password: 'long enough pw',
    });
    await agents.setStatus(ada.id, 'online');
    await conversations.claim(ada, queue[1] ?? '');
    expect(await positions()).toEqual([1, null, 2, 3, 4]);
    expect(reads).toBe(1);
    // What the queue pass reads afresh says the same.
    expect(await positions(true)).toEqual([1, null, 2, 3, 4]);
  });

  it('gives the same wait estimate after a restart and on every node: it is learnt from stored closes', async () => {
    const ada = await agents.create({
      email: 'ada@example.com',
      name: 'Ada',
      role: 'agent',
      password: 'long enough pw',
    });
    await agents.setStatus(ada.id, 'online');
    for (let i = 0; i < 3; i++) {
      const { conversation: c } = await start();
      await conversations.claim(ada, c.id);
      clock.advance(180_000);
      await conversations.close({ agent: ada }, c.id);
    }
    const { conversation: first } = await start();
    const { conversation: second } = await start();
    // Another node, or this one after a restart: nothing carried over in memory.
    const fresh = new Conversations({
      store,
      clock,
      ids: randomIds,
      events: createEmitter<ConversationEvents>(),
    });
    const facts = await fresh.queueFacts();
    expect(facts.get(first.id)?.waitEstimateSeconds).toBe(180);
    expect(facts.get(second.id)?.waitEstimateSeconds).toBe(360);
    expect(await conversations.queueFacts()).toEqual(facts);
  });

  it('tells the slower agent who took the conversation', async () => {
    const { conversation } = await start();
    const ada = await agents.create({
      email: 'a@example.com',
      name: 'Ada',
      role: 'agent',
      password: 'long enough pw',
    });
    const bob = await agents.create({
      email: 'b@example.com',
      name: 'Bob',
      role: 'agent',
      password: 'long enough pw',
    });
    await conversations.claim(ada, conversation.id);
    await expect(conversations.claim(bob, conversation.id)).rejects.toMatchObject({
      code: 'already_claimed',
      message: 'Already taken by Ada',
    });
  });

  it('marks an identity verified only with the right HMAC of the email', async () => {
    const { createHmac } = await import('node:crypto');
    const { visitor } = await visitors.createSession();
    const good = createHmac('sha256', 'a-secret-of-sixteen+').update('ada@example.com').digest('hex');
    expect(await visitors.identify(visitor.id, { email: 'ada@example.com', hash: good })).toEqual({
      verified: true,
    });
    expect(await visitors.identify(visitor.id, { email: 'eve@example.com', hash: good })).toEqual({
      verified: false,
    });
  });

  it('signs in with one generic error whichever part is wrong, and not at all when disabled', async () => {
    const ada = await agents.create({
      email: 'ada@example.com',
      name: 'Ada',
      role: 'agent',
      password: 'long enough pw',
    });
    await expect(agents.signIn('ada@example.com', 'wrong')).rejects.toMatchObject({
      message: 'Email or password is incorrect',
    });
    await expect(agents.signIn('who@example.com', 'long enough pw')).rejects.toMatchObject({
      message: 'Email or password is incorrect',
    });
    const { token } = await agents.signIn('ADA@example.com', 'long enough pw');
    expect((await agents.fromSession(token))?.id).toBe(ada.id);
    clock.advance(8 * 24 * 3600 * 1000);
    expect(await agents.fromSession(token)).toBeUndefined();
  });
});
