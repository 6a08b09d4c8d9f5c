import type { ConversationRow, Store } from '../../storage/store.ts';
import { type ChangeKind, quietChange } from './core.ts';
import type { QueueFacts } from './views.ts';

/** Closed conversations whose handling times make the wait estimate. */
export const HANDLING_HISTORY = 20;
const HISTORY_TTL_MS = 10_000;
const QUEUE_FACTS_TTL_MS = 200;

/**
 * Seconds until the visitor at `position` is answered: each conversation ahead takes a typical (median)
 * handling time, and the online agents work through the queue side by side. Null when that would be a
 * guess: no agent online, or fewer than three closed conversations to learn from.
 */
export function estimateWait(position: number, online: number, handlingMs: readonly number[]): number | null {
  if (online === 0 || handlingMs.length < 3) return null;
  const sorted = [...handlingMs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median =
    sorted.length % 2 ? (sorted[Math.floor(mid)] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round((position * median) / online / 1000);
}

function factsOf(waiting: ConversationRow[], online: number | undefined, history: number[]) {
  const facts = new Map<string, QueueFacts>();
  waiting.forEach((c, i) => {
    facts.set(c.id, { position: i + 1, waitEstimateSeconds: estimateWait(i + 1, online ?? 0, history) });
  });
  return facts;
}

/** The waiting conversations in queue order, and each one's position and wait estimate. */
export interface QueueSnapshot {
  waiting: ConversationRow[];
  facts: Map<string, QueueFacts>;
  /** What the estimates were made from, to place a newcomer without reading the queue again (the online
   * agents are not read while nobody waits). */
  online: number | undefined;
  history: number[];
}

/** The waiting queue: positions and honest wait estimates, read once per burst of questions. */
export class Queue {
  private history: { at: number; times: Promise<number[]> } | undefined;
  private memo: { at: number; snapshot: Promise<QueueSnapshot> } | undefined;

  constructor(private readonly deps: { store: Store; clock: { now(): Date } }) {}

  private nowMs() {
    return this.deps.clock.now().getTime();
  }

  /** A change happened: bring what is known up to date, or forget it. */
  changed(kind: ChangeKind, conversation?: ConversationRow) {
    // A burst of starts and of their assignments then reads the queue once, not once per start and per claim:
    // a new conversation joins the end of the queue (its wait clock started now, after everyone waiting), a
    // claimed one leaves it, and the positions behind it move up. The queue pass that follows each burst reads
    // it afresh (and so sees what other nodes changed). Any other change that moves the queue: read it again.
    if (conversation && (kind === 'created' || kind === 'assigned')) this.apply(kind, conversation);
    else if (!quietChange(kind)) this.memo = undefined;
    if (kind === 'closed') this.history = undefined;
  }

  private apply(kind: 'created' | 'assigned', c: ConversationRow) {
    const memo = this.memo;
    if (!memo) return;
    // Too old to answer from: the next question reads the queue.
    if (this.nowMs() - memo.at >= QUEUE_FACTS_TTL_MS) {
      this.memo = undefined;
      return;
    }
    memo.snapshot = memo.snapshot.then((q) => {
      const known = q.facts.has(c.id);
      if (kind === 'created' ? known || c.status !== 'waiting' : !known) return q;
      // Read when nobody waited, so without the online agents a newcomer's estimate needs: read it again.
      if (q.online === undefined) return this.read();
      const waiting = kind === 'created' ? [...q.waiting, c] : q.waiting.filter((w) => w.id !== c.id);
      return { ...q, waiting, facts: factsOf(waiting, q.online, q.history) };
    });
    memo.snapshot.catch(() => {
      if (this.memo === memo) this.memo = undefined;
    });
  }

  /** Queue position and an honest wait estimate for every waiting conversation. */
  async facts(fresh = false): Promise<Map<string, QueueFacts>> {
    return (await this.snapshot(fresh)).facts;
  }

  /** The waiting conversations with their facts, from one read (`fresh`: read now, whatever is known). */
  snapshot(fresh = false): Promise<QueueSnapshot> {
    // Many events in one burst ask the same question: answer them from one read.
    const now = this.nowMs();
    if (!fresh && this.memo && now - this.memo.at < QUEUE_FACTS_TTL_MS) return this.memo.snapshot;
    const snapshot = this.read();
    const memo = { at: now, snapshot };
    this.memo = memo;
    snapshot.catch(() => {
      if (this.memo === memo) this.memo = undefined;
    });
    return snapshot;
  }

  private async read(): Promise<QueueSnapshot> {
    const { store } = this.deps;
    const waiting = await store.conversations.waiting();
    // The estimates need the online agents and the handling history; an empty queue needs neither.
    if (waiting.length === 0) return { waiting, facts: new Map(), online: undefined, history: [] };
    const online = await store.agents.countHandling();
    const history = await this.handlingHistory();
    return { waiting, facts: factsOf(waiting, online, history), online, history };
  }

  /**
   * How long recent conversations took from an agent taking them to their close, from the stored event
   * log: the same on every node and after a restart. Read at most every 10 s (and after a close here).
   */
  handlingHistory(): Promise<number[]> {
    const now = this.nowMs();
    if (this.history && now - this.history.at < HISTORY_TTL_MS) return this.history.times;
    const times = this.deps.store.events.handlingTimes(HANDLING_HISTORY);
    this.history = { at: now, times };
    times.catch(() => {
      this.history = undefined;
    });
    return times;
  }
}
