import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentConversationDTO, MessageDTO } from '../../server/protocol/dto.ts';
import type { AgentConversationDetail } from '../../server/protocol/events.ts';
import {
  closedConversation,
  type OpenConversation,
  type OpenEvent,
  openConversationReducer,
} from '../../widget/console/conversation/transcript.ts';
import { hasGap } from '../../widget/ui/transcript.ts';

/**
 * The console's open conversation against a model server: the visitor's messages and other agents' replies and
 * notes come as facts (late, reordered or lost), this agent's replies as acks, and a gap is filled the way
 * use-conversation.ts does it, with `conversation:open`, whose answer may cross newer facts.
 */
type Step =
  | { kind: 'write'; author: 'visitor' | 'agent' | 'note' }
  | { kind: 'reply' }
  | { kind: 'deliver'; pick: number }
  | { kind: 'drop'; pick: number }
  | { kind: 'serve' }
  | { kind: 'reconnect' }
  | { kind: 'release' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .constantFrom('visitor' as const, 'agent' as const, 'note' as const)
      .map((author) => ({ kind: 'write' as const, author })),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'reply' as const }) },
  { weight: 5, arbitrary: fc.nat(20).map((pick) => ({ kind: 'deliver' as const, pick })) },
  { weight: 2, arbitrary: fc.nat(20).map((pick) => ({ kind: 'drop' as const, pick })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'serve' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reconnect' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'release' as const }) },
);

const conversation = (lastSeq: number) => ({ id: 'c', lastSeq }) as AgentConversationDTO;

function simulate(steps: Step[]) {
  const log: MessageDTO[] = [];
  const append = (author: MessageDTO['author']) => {
    const seq = log.length + 1;
    const m = { id: `m${seq}`, conversationId: 'c', seq, clientId: `k${seq}`, author } as MessageDTO;
    log.push(m);
    return m;
  };
  const detail = (): AgentConversationDetail =>
    ({
      conversation: conversation(log.length),
      messages: [...log],
      visitor: { id: 'v' },
    }) as AgentConversationDetail;
  append('visitor');
  let s: OpenConversation = openConversationReducer(closedConversation, { type: 'opened', detail: detail() });
  let flight: Array<{ fact: boolean; event: OpenEvent }> = [];
  let asked = false;
  let released = false;
  const dispatch = (e: OpenEvent) => {
    s = openConversationReducer(s, e);
    if (hasGap(s.transcript)) asked = true; // one `conversation:open` at a time
  };
  const serve = () => {
    if (!asked) return;
    asked = false;
    flight.push({ fact: false, event: { type: 'opened', detail: detail() } });
  };
  const check = () => {
    const held = new Set(s.transcript.known.map((m) => m.seq));
    for (let k = 1; k <= s.transcript.through; k++) expect(held.has(k)).toBe(true);
    const seqs = (s.detail?.messages ?? []).map((m) => m.seq);
    if (!released) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  };
  for (const x of steps) {
    if (x.kind === 'write')
      flight.push({ fact: true, event: { type: 'received', message: append(x.author) } });
    else if (x.kind === 'reply') {
      const m = append('agent');
      flight.push(
        { fact: false, event: { type: 'received', message: m } },
        { fact: true, event: { type: 'received', message: m } },
      );
    } else if (x.kind === 'deliver') {
      const [e] = flight.splice(x.pick % Math.max(1, flight.length), 1);
      if (e) dispatch(e.event);
    } else if (x.kind === 'drop') {
      const facts = flight.filter((f) => f.fact);
      const lost = facts[x.pick % Math.max(1, facts.length)];
      flight = flight.filter((f) => f !== lost);
    } else if (x.kind === 'serve') serve();
    else if (x.kind === 'reconnect') {
      flight = flight.filter((f) => !f.fact);
      asked = true; // the console opens the conversation again on every reconnect
    } else {
      released = true;
      dispatch({ type: 'released' });
    }
    check();
  }
  // The next fact reveals what was lost; then everything arrives and gaps are filled.
  flight = flight.filter((f) => !f.fact);
  dispatch({ type: 'received', message: append('visitor') });
  for (let i = 0; i < 100 && (flight.length || asked); i++) {
    serve();
    const e = flight.shift();
    if (e) dispatch(e.event);
    check();
  }
  return { s, log };
}

describe("the console's open conversation", () => {
  it('shows every message after the next fact, once each and in seq order, whatever was lost or reordered', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const { s, log } = simulate(steps);
        expect(s.detail?.messages.map((m) => m.seq)).toEqual(log.map((m) => m.seq));
        expect(hasGap(s.transcript)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
