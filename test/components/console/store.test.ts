import { describe, expect, it } from 'vitest';
import type { AgentConversationDetail } from '../../../server/protocol/events.ts';
import {
  closedConversation,
  openConversationReducer,
} from '../../../widget/console/conversation/transcript.ts';
import { emptyInbox, inboxReducer } from '../../../widget/console/store.ts';
import { settle } from '../../../widget/ui/outbox.ts';
import { emptyTranscript, hasGap, mergeMessages, receive } from '../../../widget/ui/transcript.ts';
import { agent, conversation, message, minutesAgo } from './fakes.ts';

describe('inbox store', () => {
  const me = agent();
  const c = conversation({ id: 'c', updatedAt: minutesAgo(2) });
  const listed = inboxReducer(emptyInbox, { type: 'listed', conversations: [c], me, agents: [me] });

  it('ignores an update older than what it already has', () => {
    const stale = { ...c, status: 'closed' as const, updatedAt: minutesAgo(3) };
    expect(inboxReducer(listed, { type: 'conversation', conversation: stale })).toBe(listed);
  });

  it('moves a conversation forward on a newer message, once', () => {
    const m = message({ seq: 2, conversationId: 'c' });
    const next = inboxReducer(listed, { type: 'message', message: m });
    expect(next.conversations.c?.lastSeq).toBe(2);
    expect(inboxReducer(next, { type: 'message', message: m })).toBe(next);
  });

  it('moves a conversation forward on a summary, never back, and leaves its status to conversation updates', () => {
    const summary = (lastSeq: number) => ({
      conversationId: 'c',
      status: 'closed' as const,
      lastSeq,
      lastMessageAt: minutesAgo(0),
      author: 'visitor' as const,
      preview: 'hi',
      unread: lastSeq,
    });
    const next = inboxReducer(listed, { type: 'summary', conversations: [summary(4)] });
    expect(next.conversations.c).toMatchObject({ lastSeq: 4, status: c.status });
    expect(inboxReducer(next, { type: 'summary', conversations: [summary(3)] })).toBe(next);
    const unknown = { ...summary(9), conversationId: 'elsewhere' };
    expect(inboxReducer(next, { type: 'summary', conversations: [unknown] })).toBe(next);
  });

  it('updates me when my agent record changes', () => {
    const next = inboxReducer(listed, { type: 'agent', agent: { ...me, status: 'away' } });
    expect(next.me?.status).toBe('away');
  });
});

describe('transcript merging', () => {
  it('adds a message once and keeps seq order', () => {
    const list = [message({ seq: 1 }), message({ seq: 3 })];
    const merged = mergeMessages(list, [message({ seq: 2 })]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(mergeMessages(merged, [message({ seq: 2 })])).toBe(merged);
  });

  it('spots a gap in the sequence', () => {
    const one = receive(emptyTranscript, [message({ seq: 1 })]);
    expect(hasGap(receive(one, [message({ seq: 3 })]))).toBe(true);
    expect(hasGap(receive(one, [message({ seq: 2 })]))).toBe(false);
  });

  it('drops pending replies the server has stored', () => {
    const pending = [
      {
        conversationId: 'c',
        clientId: 'k1',
        text: 'a',
        internal: false,
        state: 'sending' as const,
        error: null,
      },
    ];
    expect(settle(pending, [message({ seq: 4, clientId: 'k1' })])).toEqual([]);
  });
});

describe('the open conversation and the inbox summary', () => {
  const detail = (n: number) =>
    ({
      conversation: { id: 'c', lastSeq: n },
      messages: Array.from({ length: n }, (_, i) => message({ seq: i + 1, conversationId: 'c' })),
      visitor: { id: 'v' },
    }) as unknown as AgentConversationDetail;

  it('asks for a message it never had whole once a summary announces it, and ignores other conversations', () => {
    const open = openConversationReducer(closedConversation, { type: 'opened', detail: detail(2) });
    const other = openConversationReducer(open, { type: 'announced', conversationId: 'x', lastSeq: 9 });
    expect(other).toBe(open);
    expect(openConversationReducer(open, { type: 'announced', conversationId: 'c', lastSeq: 2 })).toBe(open);
    const announced = openConversationReducer(open, { type: 'announced', conversationId: 'c', lastSeq: 3 });
    expect(hasGap(announced.transcript)).toBe(true);
    const filled = openConversationReducer(announced, { type: 'opened', detail: detail(3) });
    expect(hasGap(filled.transcript)).toBe(false);
    expect(filled.detail?.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });
});
