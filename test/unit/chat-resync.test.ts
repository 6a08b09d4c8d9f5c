import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageDTO, VisitorConversationDTO } from '../../server/protocol/dto.ts';
import { type ChatEvent, type ChatModel, chatReducer, initialChat } from '../../widget/chat/reducer.ts';
import { emptyTranscript, hasGap, receive, release, shown } from '../../widget/ui/transcript.ts';

/**
 * The visitor's chat against a model server, over random interleavings of what a real network does: facts that
 * arrive late, out of order or never (a lost broadcast, a node that could not reach Redis), acks, sync answers that
 * cross newer facts, reconnects, and the agents' internal notes, which take a seq the visitor never sees.
 */
type Author = 'agent' | 'system' | 'note';
type Step =
  | { kind: 'agent'; author: Author }
  | { kind: 'send' }
  | { kind: 'receipt' }
  | { kind: 'deliver'; pick: number }
  | { kind: 'drop'; pick: number }
  | { kind: 'serve' }
  | { kind: 'reconnect' }
  | { kind: 'release' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .constantFrom<Author>('agent', 'system', 'note')
      .map((author) => ({ kind: 'agent' as const, author })),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'send' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'receipt' as const }) },
  { weight: 5, arbitrary: fc.nat(20).map((pick) => ({ kind: 'deliver' as const, pick })) },
  { weight: 2, arbitrary: fc.nat(20).map((pick) => ({ kind: 'drop' as const, pick })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'serve' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reconnect' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'release' as const }) },
);

const conversation = (lastSeq: number): VisitorConversationDTO => ({
  id: 'c1',
  status: 'assigned',
  lastSeq,
  agent: { id: 'a1', name: 'Ada' },
  queuePosition: null,
  waitEstimateSeconds: null,
  agentReadSeq: 0,
  agentDeliveredSeq: 0,
  rating: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

/** What travels to the client: a fact or an ack (may be lost or overtaken) and sync answers. */
type InFlight = { fact: boolean; event: ChatEvent };

/** What reaches the client at last, after the random run: the next reconnect, reply, receipt or own message. */
type Last = 'reconnect' | 'agent' | 'receipt' | 'send';

function simulate(steps: Step[], last: Last) {
  const log: MessageDTO[] = [];
  const append = (author: MessageDTO['author'], clientId: string | null = null) => {
    const seq = log.length + 1;
    const m: MessageDTO = {
      id: `m${seq}`,
      conversationId: 'c1',
      seq,
      clientId,
      author,
      authorName: author === 'visitor' ? null : 'Ada',
      text: `${author} ${seq}`,
      createdAt: '2025-01-01T00:00:00.000Z',
    };
    log.push(m);
    return m;
  };
  const visible = () => log.filter((m) => m.author !== 'note');
  const first = append('visitor', 'start');

  let s: ChatModel = initialChat([], null);
  let flight: InFlight[] = [];
  /** A sync asked and not answered yet (the client asks one at a time), with the `since` it asked from. */
  let asked: number | null = null;
  let released = false;
  let sent = 0;

  const dispatch = (e: ChatEvent) => {
    s = chatReducer(s, e);
    // What the store does on every change: a gap is asked for, from the resync point.
    if (asked === null && hasGap(s.transcript)) asked = s.transcript.through;
  };
  /** The server answers a sync the way `conversation:sync` does: the conversation, then every message after since. */
  const serve = () => {
    if (asked === null) return;
    const since = asked;
    asked = null;
    const messages = visible().filter((m) => m.seq > since);
    flight.push({
      fact: false,
      event: { type: 'received', conversation: conversation(log.length), messages, replace: true, since },
    });
  };
  const check = () => {
    const t = s.transcript;
    // The resync point is honest: everything the visitor may see up to it is held.
    for (const m of visible()) if (m.seq <= t.through) expect(t.known.map((k) => k.id)).toContain(m.id);
    const seqs = s.messages.map((m) => m.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    // Until the wait for a gap runs out, what is shown is a prefix: nothing appears above a later message.
    if (!released) {
      const top = seqs.at(-1) ?? 0;
      expect(seqs).toEqual(
        visible()
          .filter((m) => m.seq <= top)
          .map((m) => m.seq),
      );
    }
  };

  dispatch({ type: 'received', conversation: conversation(1), messages: [first], replace: true });
  for (const x of steps) {
    switch (x.kind) {
      case 'agent': {
        const m = append(x.author);
        if (x.author !== 'note') flight.push({ fact: true, event: { type: 'received', messages: [m] } });
        break;
      }
      case 'send': {
        const clientId = `v${++sent}`;
        dispatch({ type: 'queued', message: { clientId, text: 'hi', failed: false } });
        const m = append('visitor', clientId);
        flight.push({ fact: false, event: { type: 'received', messages: [m] } }); // the ack
        flight.push({ fact: true, event: { type: 'received', messages: [m] } }); // the room's fact
        break;
      }
      case 'receipt':
        flight.push({ fact: true, event: { type: 'received', conversation: conversation(log.length) } });
        break;
      case 'deliver': {
        const [e] = flight.splice(x.pick % Math.max(1, flight.length), 1);
        if (e) dispatch(e.event);
        break;
      }
      case 'drop': {
        const facts = flight.filter((f) => f.fact);
        const lost = facts[x.pick % Math.max(1, facts.length)];
        flight = flight.filter((f) => f !== lost);
        break;
      }
      case 'serve':
        serve();
        break;
      case 'reconnect':
        // The socket went: whatever was on its way is gone; the new one syncs from the resync point.
        flight = flight.filter((f) => !f.fact);
        if (asked === null) asked = s.transcript.through;
        break;
      case 'release':
        released = true;
        dispatch({ type: 'released' });
        break;
    }
    check();
  }
  // A lost fact with nothing after it cannot be known of; the next thing that reaches the client reveals it.
  flight = flight.filter((f) => !f.fact);
  if (last === 'reconnect') asked ??= s.transcript.through;
  else if (last === 'agent') dispatch({ type: 'received', messages: [append('agent')] });
  else if (last === 'receipt') dispatch({ type: 'received', conversation: conversation(log.length) });
  else dispatch({ type: 'received', messages: [append('visitor', 'last')] });
  // Quiet again: what is in flight arrives, and the client asks until it has no gap.
  for (let i = 0; i < 100 && (flight.length || asked !== null); i++) {
    serve();
    const e = flight.shift();
    if (e) dispatch(e.event);
    check();
  }
  return { s, visible: visible() };
}

describe("the visitor's resync point", () => {
  it('has every message the visitor may see after the next fact, ack or reconnect, once each and in order, whatever was lost or reordered', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.constantFrom<Last>('reconnect', 'agent', 'receipt', 'send'),
        (steps, last) => {
          const { s, visible } = simulate(steps, last);
          expect(s.messages.map((m) => m.id)).toEqual(visible.map((m) => m.id));
          expect(s.pending).toEqual([]);
          expect(hasGap(s.transcript)).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('is the highest seq below which everything is held, not the highest seen', () => {
    // The defect: a reply (2) whose broadcast was lost, then the visitor's own message acknowledged as 3.
    const reply = {
      id: 'm2',
      conversationId: 'c1',
      seq: 2,
      clientId: null,
      author: 'agent' as const,
      authorName: 'Ada',
      text: 'Yes',
      createdAt: '',
    };
    const own = {
      ...reply,
      id: 'm3',
      seq: 3,
      clientId: 'v1',
      author: 'visitor' as const,
      authorName: null,
      text: 'Thanks',
    };
    const first = { ...own, id: 'm1', seq: 1, clientId: 'start' };
    let s = chatReducer(initialChat([], null), {
      type: 'received',
      conversation: conversation(1),
      messages: [first],
      replace: true,
    });
    s = chatReducer(s, { type: 'queued', message: { clientId: 'v1', text: 'Thanks', failed: false } });
    s = chatReducer(s, { type: 'received', messages: [own] });
    expect(s.transcript.through).toBe(1);
    expect(hasGap(s.transcript)).toBe(true);
    // Shown in its place once the gap fills; until then the visitor's message still reads as on its way.
    expect(s.messages.map((m) => m.seq)).toEqual([1]);
    expect(s.pending.map((p) => p.clientId)).toEqual(['v1']);
    s = chatReducer(s, { type: 'received', conversation: conversation(3), messages: [reply, own], since: 1 });
    expect(s.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(s.pending).toEqual([]);
  });
});

describe('the shared transcript (the console uses it with conversation:open as its fill)', () => {
  it('never moves the resync point over a seq it does not hold, and shows a gap-free prefix until released', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([1, 2, 3, 4, 5, 6, 7, 8]), fc.nat(8), (arrived, releaseAt) => {
        let t = emptyTranscript;
        arrived.forEach((seq, i) => {
          t = receive(t, [
            {
              id: `m${seq}`,
              conversationId: 'c',
              seq,
              clientId: null,
              author: 'agent',
              authorName: null,
              text: '',
              createdAt: '',
            },
          ]);
          if (i === releaseAt) t = release(t);
          const held = new Set(t.known.map((m) => m.seq));
          for (let k = 1; k <= t.through; k++) expect(held.has(k)).toBe(true);
          if (t.released <= t.through)
            expect(shown(t).map((m) => m.seq)).toEqual(Array.from({ length: t.through }, (_, k) => k + 1));
        });
      }),
    );
  });
});
