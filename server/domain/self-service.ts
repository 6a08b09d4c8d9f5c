import type { z } from 'zod';
import type { Clock } from '../lib/clock.ts';
import type { selfServiceEventsSchema } from '../protocol/schemas.ts';
import type { Store } from '../storage/store.ts';

const DAY_MS = 86_400_000;

/** What visitors did on their own (searches, "did this help?" votes) and what it says editors should write. */
export class SelfService {
  constructor(private readonly deps: { store: Store; clock: Clock }) {}

  async record(events: z.infer<typeof selfServiceEventsSchema>['events']): Promise<void> {
    const { store } = this.deps;
    const at = this.deps.clock.now().toISOString();
    for (const e of events) {
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
