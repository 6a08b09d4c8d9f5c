import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../server/protocol/dto.ts';
import type { InboxSummary } from '../../server/protocol/events.ts';
import { nextEvent, request, startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** Everything one console hears about one conversation: messages whole, and summaries. */
function listen(socket: Socket, conversationId: string) {
  const messages: MessageDTO[] = [];
  const summaries: InboxSummary[][] = [];
  const waiters: Array<{ seq: number; done: (s: InboxSummary) => void }> = [];
  socket.on('message:created', (m: MessageDTO) => {
    if (m.conversationId === conversationId) messages.push(m);
  });
  socket.on('inbox:summary', (e: { conversations: InboxSummary[] }) => {
    const mine = e.conversations.filter((c) => c.conversationId === conversationId);
    if (mine.length) summaries.push(mine);
    for (const s of mine) for (const w of waiters) if (s.lastSeq >= w.seq) w.done(s);
  });
  /** The first summary that says the conversation has reached `seq` (registered before the sends). */
  const summaryAt = (seq: number) => {
    const seen = summaries.flat().find((s) => s.lastSeq >= seq);
    return seen ? Promise.resolve(seen) : new Promise<InboxSummary>((done) => waiters.push({ seq, done }));
  };
  return { messages, summaries, summaryAt };
}

describe('what each console hears of a message', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('gives the agent who has the conversation every message whole and in order, and other consoles one summary', async () => {
    const { socket: owner } = await server.agent('Ada');
    const { socket: other } = await server.agent('Ben');
    const { socket: visitor, conversation } = await server.visitorWithConversation('First question');
    await request(owner, 'conversation:claim', { conversationId: conversation.id });
    const atOwner = listen(owner, conversation.id);
    const atOther = listen(other, conversation.id);
    const sentSeqs: number[] = [];
    for (let i = 2; i <= 6; i++) {
      const sent = await request(visitor, 'message:send', {
        conversationId: conversation.id,
        clientId: `summary-${i}-abcdef`,
        text: `message ${i}`,
      });
      if (sent.ok) sentSeqs.push(sent.data.message.seq);
    }
    const lastSeq = sentSeqs[sentSeqs.length - 1] ?? 0;
    const summary = await atOther.summaryAt(lastSeq);
    expect(summary).toMatchObject({
      status: 'assigned',
      lastSeq,
      author: 'visitor',
      preview: 'message 6',
      unread: lastSeq,
    });
    expect(sentSeqs).toHaveLength(5);
    expect(atOwner.messages.filter((m) => m.author === 'visitor').map((m) => m.seq)).toEqual(sentSeqs);
    // The other console heard of the five messages in summaries only, fewer frames than messages.
    expect(atOther.messages).toEqual([]);
    expect(atOther.summaries.length).toBeLessThan(5);
    const seqs = atOther.summaries.flat().map((s) => s.lastSeq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('gives a console that shows the conversation its messages whole, and stops when it shows another', async () => {
    const { socket: owner } = await server.agent('Cy');
    const { socket: viewer } = await server.agent('Dee');
    const { socket: visitor, conversation } = await server.visitorWithConversation('Hello');
    await request(owner, 'conversation:claim', { conversationId: conversation.id });
    const atViewer = listen(viewer, conversation.id);
    await request(viewer, 'conversation:view', { conversationId: conversation.id });
    await request(visitor, 'message:send', {
      conversationId: conversation.id,
      clientId: 'viewed-2-abcdef',
      text: 'while Dee looks',
    });
    await request(viewer, 'conversation:view', { conversationId: null });
    const after = await request(visitor, 'message:send', {
      conversationId: conversation.id,
      clientId: 'viewed-3-abcdef',
      text: 'after Dee looked away',
    });
    const afterSeq = after.ok ? after.data.message.seq : -1;
    expect((await atViewer.summaryAt(afterSeq)).preview).toBe('after Dee looked away');
    expect(atViewer.messages.map((m) => m.text)).toEqual(['while Dee looks']);
  });

  it('gives every console the messages of a conversation still waiting for an agent', async () => {
    const { socket: a } = await server.agent('Eve');
    const { socket: b } = await server.agent('Fay');
    const { socket: visitor, conversation } = await server.visitorWithConversation('Anyone there?');
    const atA = nextEvent<MessageDTO>(a, 'message:created', (m) => m.text === 'still waiting');
    const atB = nextEvent<MessageDTO>(b, 'message:created', (m) => m.text === 'still waiting');
    await request(visitor, 'message:send', {
      conversationId: conversation.id,
      clientId: 'waiting-2-abcdef',
      text: 'still waiting',
    });
    expect((await atA).text).toBe('still waiting');
    expect((await atB).text).toBe('still waiting');
  });
});
