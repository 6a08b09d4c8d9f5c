import { describe, expect, it } from 'vitest';
import type { MessageDTO, VisitorConversationDTO } from '../../server/protocol/dto.ts';
import { type ChatEvent, type ChatModel, chatReducer, initialChat } from '../../widget/chat/reducer.ts';

const conv = (over: Partial<VisitorConversationDTO> = {}): VisitorConversationDTO => ({
  id: 'c1',
  status: 'waiting',
  lastSeq: 1,
  agent: null,
  queuePosition: 1,
  waitEstimateSeconds: null,
  agentReadSeq: 0,
  agentDeliveredSeq: 0,
  rating: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...over,
});
const msg = (seq: number, over: Partial<MessageDTO> = {}): MessageDTO => ({
  id: `m${seq}`,
  conversationId: 'c1',
  seq,
  clientId: null,
  author: 'agent',
  authorName: 'Ada',
  text: `message ${seq}`,
  createdAt: '2025-01-01T00:00:00.000Z',
  ...over,
});
const run = (events: ChatEvent[], from: ChatModel = initialChat([], null)) =>
  events.reduce(chatReducer, from);
const started: ChatEvent = {
  type: 'received',
  conversation: conv(),
  messages: [msg(1, { author: 'visitor', clientId: 'k1' })],
  replace: true,
};

describe('the chat reducer', () => {
  it('takes an ack, a fact, a note from another tab and a sync answer through the same event, once each', () => {
    const own = msg(2, { author: 'visitor', clientId: 'k2' });
    const s = run([
      started,
      { type: 'queued', message: { clientId: 'k2', text: own.text, failed: false } },
      { type: 'received', messages: [own] }, // the room's fact, before the ack
      { type: 'received', messages: [own] }, // the ack
      { type: 'received', messages: [msg(3)] }, // a reply
      { type: 'received', messages: [msg(3)] }, // the same reply, as another tab saw it
      { type: 'received', conversation: conv({ lastSeq: 3 }), messages: [msg(2), msg(3)], since: 1 },
    ]);
    expect(s.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(s.pending).toEqual([]);
    expect(s.transcript.through).toBe(3);
  });

  it('adopts a conversation only when the chat has none open', () => {
    const other = conv({ id: 'c2' });
    const open = run([started]);
    expect(run([{ type: 'received', conversation: other }], open).conversation?.id).toBe('c1');
    const closed = run([{ type: 'closed' }], open);
    const adopted = run([{ type: 'received', conversation: other, replace: true }], closed);
    expect(adopted.conversation?.id).toBe('c2');
    expect(adopted.messages).toEqual([]);
  });

  it('clears the agent typing when their reply shows, not while it waits on a gap', () => {
    const typing = run([started, { type: 'typing', name: 'Ada' }]);
    expect(run([{ type: 'received', messages: [msg(3)] }], typing).agentTyping).toBe('Ada');
    expect(run([{ type: 'received', messages: [msg(2)] }], typing).agentTyping).toBeNull();
  });

  it('marks a refused message failed until Retry, and starts over empty after a reset', () => {
    const refused = run([
      { type: 'queued', message: { clientId: 'k9', text: 'x', failed: false } },
      { type: 'refused', clientId: 'k9', code: 'validation_failed' },
    ]);
    expect(refused.pending).toEqual([{ clientId: 'k9', text: 'x', failed: true }]);
    expect(refused.error).toBe('validation_failed');
    const retried = run([{ type: 'retry' }], refused);
    expect(retried.pending[0]?.failed).toBe(false);
    expect(retried.error).toBeNull();
    const reset = run([started, { type: 'reset', recheck: true }], retried);
    expect(reset).toMatchObject({ conversation: null, messages: [], availabilityChecked: false });
    expect(reset.outbox).toHaveLength(1); // what the visitor typed stays to be sent
  });

  it('never shows an internal note, and a sync answer vouches for its seq', () => {
    const s = run([
      started,
      { type: 'received', messages: [msg(2, { author: 'note' }), msg(3)] },
      { type: 'received', conversation: conv({ lastSeq: 3 }), messages: [msg(3)], since: 1 },
    ]);
    expect(s.messages.map((m) => m.seq)).toEqual([1, 3]);
    expect(s.transcript.through).toBe(3);
  });
});
