import type { z } from 'zod';
import type { Clock } from '../lib/clock.ts';
import type { selfServiceEventsSchema } from '../protocol/schemas.ts';
import type { Store } from '../storage/store.ts';

const DAY_MS = 86_400_000;
/** Different searches and votes one address may add in a day. */
export const DISTINCT_PER_ADDRESS = 20;
/** Different searches and votes all anonymous visitors may add in a day (memory per node stays bounded). */
export const DISTINCT_PER_DAY = 5000;

/** Which entries each address added today, and all of today's: in memory, per node, reset each UTC day. */
class DistinctPerDay {
  private day = '';
  private all = new Set<string>();
  private byAddress = new Map<string, Set<string>>();

  admit(address: string, entry: string, day: string): boolean {
    if (day !== this.day) {
      this.day = day;
      this.all = new Set();
      this.byAddress = new Map();
    }
    const mine = this.byAddress.get(address) ?? new Set<string>();
    if (mine.has(entry)) return true;
    if (mine.size >= DISTINCT_PER_ADDRESS) return false;
    if (!this.all.has(entry) && this.all.size >= DISTINCT_PER_DAY) return false;
    if (this.byAddress.size >= DISTINCT_PER_DAY && !this.byAddress.has(address)) return false;
    mine.add(entry);
    this.all.add(entry);
    this.byAddress.set(address, mine);
    return true;
  }
}

/** What visitors did on their own (searches, "did this help?" votes) and what it says editors should write. */
export class SelfService {
  constructor(private readonly deps: { store: Store; clock: Clock }) {}

  private readonly distinct = new DistinctPerDay();

  /**
   * Stores anonymous events from `address`. Each address adds at most DISTINCT_PER_ADDRESS different searches
   * and votes a day, and the day at most DISTINCT_PER_DAY different ones in all (repeats of those still count):
   * nobody can write the content-gaps report with text of their own.
   */
  async record(
    events: z.infer<typeof selfServiceEventsSchema>['events'],
    address = 'unknown',
  ): Promise<void> {
    const { store } = this.deps;
    const now = this.deps.clock.now();
    const at = now.toISOString();
    for (const e of events) {
      const entry = e.kind === 'search' ? `s ${e.query.toLowerCase()}` : `v ${e.slug} ${e.query ?? ''}`;
      if (!this.distinct.admit(address, entry, at.slice(0, 10))) continue;
      if (e.kind === 'search') await store.searches.add(e.query, e.resultCount, null, at);
      else await store.feedback.add(e.slug, e.helpful, e.query ?? null, null, at);
    }
  }

  /** Top searches with no result and articles voted "did not help", over the last `days`. */
  async contentGaps(days: number) {
    const since = new Date(this.deps.clock.now().getTime() - days * DAY_MS).toISOString();
    const [unanswered, unhelpful] = await Promise.all([
      this.deps.store.searches.unanswered(since, 50),
      this.deps.store.feedback.unhelpful(since, 50),
    ]);
    return { days, unanswered, unhelpful };
  }
}
