import type { FactRow, Mark, ReportsStore } from '../../storage/reports-store.ts';
import { type BusinessHours, businessResponse, businessSeconds, hoursKey } from './business-hours.ts';

/** Changes this much older than the latest one seen are read again, so late commits are never missed. */
export const OVERLAP_MS = 2 * 60_000;
const BATCH = 1000;

/**
 * Keeps report_conversations up to date incrementally: each pass recomputes the facts of the conversations
 * changed since the last pass (every message, assignment, close, reopen and rating moves updated_at), reading
 * again the last two minutes so a write that committed late, or an event stored just after its conversation,
 * is picked up. Passes are idempotent, so several nodes may run them.
 */
export class RollUp {
  private mark: Mark | undefined;
  private running: Promise<number> | undefined;
  private lastRun = 0;

  constructor(
    private readonly store: ReportsStore,
    private readonly now: () => number = Date.now,
    /** The workspace's opening hours: each answered conversation's business-hours figure is stored under them. */
    private readonly hours: () => Promise<BusinessHours | null | undefined> = async () => null,
  ) {}

  /** One pass unless one ran within `maxAgeMs` (0: always); resolves with how many conversations it rewrote. */
  refresh(maxAgeMs = 0): Promise<number> {
    if (this.running) return this.running;
    if (maxAgeMs > 0 && this.now() - this.lastRun < maxAgeMs) return Promise.resolve(0);
    const started = this.now();
    this.running = this.pass().finally(() => {
      this.running = undefined;
      this.lastRun = started;
    });
    return this.running;
  }

  private async pass(): Promise<number> {
    const latest = this.mark ?? (await this.store.latestMark());
    let cursor: Mark = latest.at
      ? { at: new Date(Date.parse(latest.at) - OVERLAP_MS).toISOString(), id: '' }
      : { at: '', id: '' };
    let total = 0;
    const business = countBusiness(await this.hours());
    for (;;) {
      const facts = await this.store.computeFacts(cursor, BATCH);
      if (!facts.length) break;
      await this.store.upsertFacts(business ? facts.map(business) : facts);
      total += facts.length;
      const last = facts[facts.length - 1];
      if (!last?.source_updated_at) break;
      cursor = { at: last.source_updated_at, id: last.conversation_id };
      if (facts.length < BATCH) break;
    }
    if (!this.mark || cursor.at > this.mark.at) this.mark = cursor.at ? cursor : latest;
    return total;
  }
}

/** Counts a fact's first response within the hours and keys it by their fingerprint (none set: left empty). */
function countBusiness(hours: BusinessHours | null | undefined) {
  if (!hours) return undefined;
  const within = businessSeconds(hours);
  const key = hoursKey(hours);
  return (f: FactRow): FactRow => {
    if (f.first_response_s === null) return f;
    const at = Date.parse(f.first_message_at ?? f.created_at);
    return { ...f, business_response_s: businessResponse(within, at, f.first_response_s), business_key: key };
  };
}
