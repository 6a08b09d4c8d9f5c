import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentConversationDTO, MessageDTO } from '../../server/protocol/dto.ts';
import { connected, nextEvent, request, startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('a conversation between a visitor and an agent', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const visitorWithConversation = (text = 'Where is my parcel?') =>
    server.visitorWithConversation(text, [
      { kind: 'search', query: 'parcel late', resultCount: 0, at: new Date().toISOString() },
    ]);

  it('stores the first message, acknowledges it with seq 1, and shows the conversation to agents live', async () => {
    const { socket: agent } = await server.agent('Ada');
    const created = nextEvent<AgentConversationDTO>(agent, 'conversation:created');
    const { conversation, message } = await visitorWithConversation('Where is my parcel?');
    expect(message).toMatchObject({ seq: 1, author: 'visitor', text: 'Where is my parcel?' });
    expect(conversation).toMatchObject({ status: 'waiting', queuePosition: expect.any(Number) });
    const seen = await created;
    expect(seen).toMatchObject({ id: conversation.id, status: 'waiting', preview: 'Where is my parcel?' });
  });

  it('lets an agent claim, reply, and the visitor see the reply live', async () => {
    const { socket: agent } = await server.agent('Grace');
    const { socket: visitor, conversation } = await visitorWithConversation();
    const claimed = await request(agent, 'conversation:claim', {
      conversationId: conversation.id,
    });
    expect(claimed.ok && claimed.data.conversation).toMatchObject({
      status: 'assigned',
      agent: { name: 'Grace' },
    });
    const reply = nextEvent<MessageDTO>(visitor, 'message:created', (m) => m.author === 'agent');
    const sent = await request(agent, 'message:send', {
      conversationId: conversation.id,
      clientId: 'agent-reply-0001',
      text: 'It ships today.',
    });
    expect(sent.ok).toBe(true);
    expect(await reply).toMatchObject({
      text: 'It ships today.',
      authorName: 'Grace',
      conversationId: conversation.id,
    });
  });

  it('stores a retried message once and answers the retry with the same message', async () => {
    const { socket, conversation } = await visitorWithConversation();
    const input = { conversationId: conversation.id, clientId: 'retry-me-000001', text: 'second' };
    const [a, b] = await Promise.all([
      request(socket, 'message:send', input),
      request(socket, 'message:send', input),
    ]);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.data.message).toEqual(b.data.message);
    const sync = await request(socket, 'conversation:sync', {
      since: { [conversation.id]: 0 },
    });
    expect(sync.ok && sync.data.messages.filter((m) => m.text === 'second')).toHaveLength(1);
  });

  it('resyncs a reconnecting visitor with exactly what it missed', async () => {
    const { token, socket, conversation } = await visitorWithConversation();
    const { socket: agent } = await server.agent('Linus');
    await request(agent, 'conversation:claim', { conversationId: conversation.id });
    socket.disconnect();
    for (let i = 0; i < 3; i++) {
      await request(agent, 'message:send', {
        conversationId: conversation.id,
        clientId: `missed-${i}-abcdef`,
        text: `missed ${i}`,
      });
    }
    const again = server.visitorSocket(token);
    await connected(again);
    const sync = await request(again, 'conversation:sync', {
      since: { [conversation.id]: 1 },
    });
    expect(sync.ok).toBe(true);
    if (!sync.ok) return;
    const seqs = sync.data.messages.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(seqs[0]).toBe(2);
    expect(sync.data.messages.map((m) => m.text)).toEqual(
      expect.arrayContaining(['missed 0', 'missed 1', 'missed 2']),
    );
  });

  it("answers the sending tab with its message once, in the acknowledgement, and shows it live in the visitor's other tabs", async () => {
    const { socket: first, token, conversation } = await visitorWithConversation();
    const second = server.visitorSocket(token);
    await connected(second);
    const { socket: agent } = await server.agent('Tove');
    await request(agent, 'conversation:claim', { conversationId: conversation.id });
    const heardBySender: MessageDTO[] = [];
    first.on('message:created', (m) => m.author !== 'system' && heardBySender.push(m));
    const inOtherTab = nextEvent<MessageDTO>(second, 'message:created', (m) => m.text === 'From tab one');
    const atAgent = nextEvent<MessageDTO>(agent, 'message:created', (m) => m.text === 'From tab one');
    const sent = await request(first, 'message:send', {
      conversationId: conversation.id,
      clientId: 'tab-one-000001',
      text: 'From tab one',
    });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.data.message).toMatchObject({ text: 'From tab one', clientId: 'tab-one-000001' });
    expect(await inOtherTab).toMatchObject({ id: sent.data.message.id, seq: sent.data.message.seq });
    await atAgent;
    // The agent's reply still reaches both tabs; by then the sender would have heard its own echo.
    const replyInFirst = nextEvent<MessageDTO>(first, 'message:created', (m) => m.author === 'agent');
    await request(agent, 'message:send', {
      conversationId: conversation.id,
      clientId: 'tove-0000001',
      text: 'Hi!',
    });
    await replyInFirst;
    expect(heardBySender.map((m) => m.text)).toEqual(['Hi!']);
  });

  it('never shows internal notes to the visitor', async () => {
    const { socket: visitor, conversation } = await visitorWithConversation();
    const { socket: agent } = await server.agent('Barbara');
    const seenByVisitor: MessageDTO[] = [];
    visitor.on('message:created', (m) => seenByVisitor.push(m));
    await request(agent, 'message:send', {
      conversationId: conversation.id,
      clientId: 'note-000000001',
      text: 'VIP customer',
      internal: true,
    });
    await request(agent, 'message:send', {
      conversationId: conversation.id,
      clientId: 'reply-00000001',
      text: 'Hello!',
    });
    await nextEvent<MessageDTO>(visitor, 'message:created', (m) => m.text === 'Hello!').catch(
      () => undefined,
    );
    expect(seenByVisitor.map((m) => m.text)).not.toContain('VIP customer');
    const sync = await request(visitor, 'conversation:sync', {
      since: { [conversation.id]: 0 },
    });
    expect(sync.ok && sync.data.messages.map((m) => m.text)).not.toContain('VIP customer');
  });

  it("keeps each conversation's events in order without holding up other conversations", async () => {
    const { socket: agent, row: orla } = await server.agent('Orla');
    const slow = await visitorWithConversation('Slow to describe');
    const quickArrived = nextEvent<MessageDTO>(agent, 'message:created', (m) => m.text === 'Quick question');
    const { socket: other, conversation: quick } = await visitorWithConversation('Quick question');
    await quickArrived;
    // Describing the first conversation's visitor to agents takes a while (a busy database).
    const slowVisitorId = (await server.store.conversations.byId(slow.conversation.id))?.visitorId;
    const visitors = server.store.visitors;
    const byId = visitors.byId.bind(visitors);
    visitors.byId = async (id) => {
      if (id === slowVisitorId) await new Promise((r) => setTimeout(r, 800));
      return byId(id);
    };
    try {
      const order: string[] = [];
      agent.on('conversation:updated', (c) => {
        if (c.id === slow.conversation.id) order.push(`slow:${c.status}`);
      });
      agent.on('message:created', (m) => {
        if (m.conversationId === slow.conversation.id) order.push(`slow:${m.author}`);
        if (m.conversationId === quick.id) order.push(`quick:${m.text}`);
      });
      const joined = nextEvent<MessageDTO>(
        agent,
        'message:created',
        (m) => m.conversationId === slow.conversation.id && m.author === 'system',
      );
      // Auto-assignment takes it (the domain call, not the agent's command, whose answer would also wait).
      await server.services.conversations.claim(orla, slow.conversation.id);
      await request(other, 'message:send', {
        conversationId: quick.id,
        clientId: 'not-held-up-1',
        text: 'still there?',
      });
      await joined;
      // The other visitor's message did not wait; the claimed conversation's update came before its "joined".
      expect(order).toEqual(['quick:still there?', 'slow:assigned', 'slow:system']);
    } finally {
      visitors.byId = byId;
    }
  });
});
