import type { Store } from '../../storage/store.ts';
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

/** The waiting queue: positions and honest wait estimates, read once per burst of questions. */
export class Queue {
  private history: { at: number; times: Promise<number[]> } | undefined;
  private factsMemo: { at: number; facts: Promise<Map<string, QueueFacts>> } | undefined;

  constructor(private readonly deps: { store: Store; clock: { now(): Date } }) {}

  private nowMs() {
    return this.deps.clock.now().getTime();
  }

  /** A change happened: forget what it made stale. */
  changed(kind: ChangeKind) {
    // A claim only moves others up: the queue pass that follows reads afresh and tells them. Not re-reading
    // the whole queue for every claim keeps a burst of assignments from reading it once per claim.
    if (kind !== 'assigned' && !quietChange(kind)) this.factsMemo = undefined;
    if (kind === 'closed') this.history = undefined;
  }

  /** Queue position and an honest wait estimate for every waiting conversation. */
  facts(fresh = false): Promise<Map<string, QueueFacts>> {
    // Many events in one burst ask the same question: answer them from one read.
    const now = this.nowMs();
    if (!fresh && this.factsMemo && now - this.factsMemo.at < QUEUE_FACTS_TTL_MS) return this.factsMemo.facts;
    const facts = this.read();
    this.factsMemo = { at: now, facts };
    facts.catch(() => {
      this.factsMemo = undefined;
    });
    return facts;
  }

  private async read(): Promise<Map<string, QueueFacts>> {
    const { store } = this.deps;
    const waiting = await store.conversations.waiting();
    const online = (await store.agents.list()).filter(
      (a) => a.status === 'online' && !a.disabled && a.role !== 'editor',
    ).length;
    const history = waiting.length ? await this.handlingHistory() : [];
    const facts = new Map<string, QueueFacts>();
    waiting.forEach((c, i) => {
      facts.set(c.id, { position: i + 1, waitEstimateSeconds: estimateWait(i + 1, online, history) });
    });
    return facts;
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
