import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../server/lib/clock.ts';
import type {
  AgentConversationDTO,
  MessageDTO,
  VisitorConversationDTO,
  VisitorDTO,
} from '../../server/protocol/dto.ts';
import {
  connected,
  nextEvent,
  request,
  requestUnchecked,
  startTestServer,
  type VisitorSocket,
} from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('sent, delivered and read', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const visitorWithConversation = () => server.visitorWithConversation('Is my order on its way?');

  it("shows the visitor their message as delivered once an agent's console has it, and as read after", async () => {
    const { socket: agent } = await server.agent('Dora');
    const { socket: visitor, conversation, message } = await visitorWithConversation();
    expect(conversation).toMatchObject({ agentDeliveredSeq: 0, agentReadSeq: 0 });

    const delivered = nextEvent<VisitorConversationDTO>(
      visitor,
      'conversation:updated',
      (c) => c.agentDeliveredSeq >= 1,
    );
    expect(
      (await request(agent, 'message:delivered', { conversationId: conversation.id, seq: message.seq })).ok,
    ).toBe(true);
    expect(await delivered).toMatchObject({ agentDeliveredSeq: 1, agentReadSeq: 0 });

    const read = nextEvent<VisitorConversationDTO>(
      visitor,
      'conversation:updated',
      (c) => c.agentReadSeq >= 1,
    );
    await request(agent, 'message:read', { conversationId: conversation.id, seq: 1 });
    expect(await read).toMatchObject({ agentDeliveredSeq: 1, agentReadSeq: 1 });
  });

  it("shows the agent their reply as delivered once the visitor's widget has it, before it is read", async () => {
    const { socket: agent } = await server.agent('Eli');
    const { socket: visitor, conversation } = await visitorWithConversation();
    await request(agent, 'conversation:claim', { conversationId: conversation.id });
    const arrived = nextEvent<MessageDTO>(visitor, 'message:created', (m) => m.author === 'agent');
    const sent = await request(agent, 'message:send', {
      conversationId: conversation.id,
      clientId: 'reply-delivered-1',
      text: 'It left this morning.',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    const reply = await arrived;

    const update = nextEvent<AgentConversationDTO>(
      agent,
      'conversation:updated',
      (c) => c.id === conversation.id && c.visitorDeliveredSeq >= reply.seq,
    );
    await request(visitor, 'message:delivered', { conversationId: conversation.id, seq: reply.seq });
    expect(await update).toMatchObject({ visitorDeliveredSeq: reply.seq, visitorReadSeq: 0 });
    const detail = await request(agent, 'conversation:open', {
      conversationId: conversation.id,
    });
    expect(detail.ok && detail.data.conversation.visitorDeliveredSeq).toBe(reply.seq);
  });

  it("keeps an agent's replies going however many receipts their console sends", async () => {
    const { socket: agent } = await server.agent('Busy');
    const { conversation } = await visitorWithConversation();
    const receipts = await Promise.all(
      Array.from({ length: 80 }, () =>
        request(agent, 'message:delivered', { conversationId: conversation.id, seq: 1 }),
      ),
    );
    expect(receipts.every((r) => r.ok)).toBe(true);
    const reply = await request(agent, 'message:send', {
      conversationId: conversation.id,
      clientId: 'after-receipts-1',
      text: 'Still here',
    });
    expect(reply.ok).toBe(true);
  });

  it('never marks more than was sent, never goes back, and keeps other visitors out', async () => {
    const { socket: agent } = await server.agent('Fay');
    const { socket: visitor, conversation } = await visitorWithConversation();
    await request(visitor, 'message:delivered', { conversationId: conversation.id, seq: 999 });
    const stored = await server.store.conversations.byId(conversation.id);
    expect(stored?.visitorDeliveredSeq).toBe(stored?.lastSeq);
    await request(visitor, 'message:delivered', { conversationId: conversation.id, seq: 0 });
    expect((await server.store.conversations.byId(conversation.id))?.visitorDeliveredSeq).toBe(
      stored?.lastSeq,
    );

    const { socket: stranger } = await visitorWithConversation();
    const refused = await request(stranger, 'message:delivered', { conversationId: conversation.id, seq: 1 });
    expect(!refused.ok && refused.error.code).toBe('not_found');
    for (const bad of [
      { conversationId: conversation.id, seq: -1 },
      { conversationId: conversation.id },
      'x',
    ]) {
      const r = await requestUnchecked(agent, 'message:delivered', bad);
      expect(!r.ok && r.error.code).toBe('validation_failed');
    }
  });
});

describe('the pages a visitor has seen', () => {
  let server: Server;
  // Page views are rate-limited per visitor; the server's clock is a fake one the tests step to refill it.
  const clock = fakeClock();
  beforeAll(async () => {
    server = await startTestServer({ compose: { clock } });
  });
  afterAll(async () => {
    await server.close();
  });

  async function started() {
    const { token } = await server.newVisitor();
    const socket: VisitorSocket = server.visitorSocket(token);
    await connected(socket);
    const ack = await request(socket, 'conversation:start', {
      clientId: `pages-${Math.random().toString(36).slice(2)}`,
      text: 'The coupon does not work',
      context: { url: 'http://shop.test/help/coupons', title: 'Coupons' },
    });
    if (!ack.ok) throw new Error(ack.error.message);
    return { socket, conversation: ack.data.conversation };
  }
  const openAs = async (conversationId: string) => {
    const { socket: agent } = await server.agent(`Reader${Math.random().toString(36).slice(2, 6)}`);
    const detail = await request(agent, 'conversation:open', { conversationId });
    if (!detail.ok) throw new Error(detail.error.message);
    return detail.data.visitor;
  };

  it("lists the pages a visitor loaded, oldest first, in the agent's view of them, with the newest as where they are", async () => {
    const { socket, conversation } = await started();
    for (const [url, title] of [
      ['http://shop.test/cart', 'Cart'],
      ['http://shop.test/checkout?step=2', 'Checkout – payment'],
    ] as const)
      expect((await request(socket, 'page:viewed', { url, title })).ok).toBe(true);
    // A reload of the same page refreshes it rather than listing it twice.
    await request(socket, 'page:viewed', {
      url: 'http://shop.test/checkout?step=2',
      title: 'Checkout – payment',
    });
    const visitor = await openAs(conversation.id);
    expect(visitor.pages.map((p) => [p.url, p.title])).toEqual([
      ['http://shop.test/checkout', null],
      ['http://shop.test/help/coupons', 'Coupons'],
      ['http://shop.test/cart', 'Cart'],
      ['http://shop.test/checkout?step=2', 'Checkout – payment'],
    ]);
    expect(visitor.context.url).toBe('http://shop.test/checkout?step=2');
    expect(visitor.context.title).toBe('Checkout – payment');
    expect(visitor.pages.every((p) => !Number.isNaN(Date.parse(p.at)))).toBe(true);
  });

  it('tells agents live when a visitor moves to another page', async () => {
    const { socket: agent } = await server.agent('Watcher');
    const { socket, conversation } = await started();
    const stored = await server.store.conversations.byId(conversation.id);
    const moved = nextEvent<VisitorDTO>(agent, 'visitor:updated', (v) => v.id === stored?.visitorId);
    await request(socket, 'page:viewed', { url: 'http://shop.test/returns', title: 'Returns' });
    const visitor = await moved;
    expect(visitor.context).toMatchObject({ url: 'http://shop.test/returns', title: 'Returns' });
    expect(visitor.pages.at(-1)).toMatchObject({ url: 'http://shop.test/returns', title: 'Returns' });
  });

  it('keeps only the last 20 pages', async () => {
    const { socket, conversation } = await started();
    // The session's first page, the one the conversation started on, and 24 more; the rate limit allows a
    // burst of 20, so pace the rest.
    for (let i = 1; i <= 24; i++) {
      const r = await request(socket, 'page:viewed', { url: `http://shop.test/p/${i}` });
      if (!r.ok) {
        expect(r.error.code).toBe('rate_limited');
        clock.advance(2000);
        expect((await request(socket, 'page:viewed', { url: `http://shop.test/p/${i}` })).ok).toBe(true);
      }
    }
    const visitor = await openAs(conversation.id);
    expect(visitor.pages.map((p) => p.url)).toEqual(
      Array.from({ length: 20 }, (_, k) => `http://shop.test/p/${k + 5}`),
    );
  });

  it('refuses hostile pages with clear codes, stores none of them, and rate-limits a flood', async () => {
    const { socket, conversation } = await started();
    const hostile: unknown[] = [
      { url: 'javascript:alert(1)' },
      { url: 'data:text/html,<script>alert(1)</script>' },
      { url: 'not a url' },
      { url: `http://shop.test/${'a'.repeat(3000)}` },
      { url: 'http://shop.test/x', title: 't'.repeat(301) },
      { url: 'http://shop.test/x', extra: true },
      { url: 42 },
      null,
    ];
    for (const payload of hostile) {
      const r = await requestUnchecked(socket, 'page:viewed', payload);
      expect(!r.ok && r.error.code).toBe('validation_failed');
    }
    const before = await openAs(conversation.id);
    expect(before.pages.map((p) => p.url)).toEqual([
      'http://shop.test/checkout',
      'http://shop.test/help/coupons',
    ]);

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(socket, 'page:viewed', { url: `http://shop.test/f/${i}` }),
      ),
    );
    const limited = results.filter((r) => !r.ok);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((r) => !r.ok && r.error.code === 'rate_limited')).toBe(true);
    const title = '<img src=x onerror=alert(1)>';
    clock.advance(2000);
    expect((await request(socket, 'page:viewed', { url: 'http://shop.test/t', title })).ok).toBe(true);
    const after = await openAs(conversation.id);
    expect(after.pages.at(-1)?.title).toBe(title);
  });
});
