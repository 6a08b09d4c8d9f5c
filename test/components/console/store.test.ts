import { describe, expect, it } from 'vitest';
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
