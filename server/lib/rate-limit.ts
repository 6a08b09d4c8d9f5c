import type { Clock } from './clock.ts';

/** A token bucket per key: `capacity` actions at once, refilled at `perSecond`. Memory is bounded by `maxKeys`. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    private readonly clock: Clock,
    private readonly maxKeys = 50_000,
  ) {}

  /** True when the action may go ahead, without spending anything (for budgets spent only on failure). */
  available(key: string): boolean {
    return this.refilled(key).tokens >= 1;
  }

  private refilled(key: string): { tokens: number; at: number } {
    const t = this.clock.now().getTime();
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: t };
    b.tokens = Math.min(this.capacity, b.tokens + (Math.max(0, t - b.at) / 1000) * this.perSecond);
    b.at = t;
    return b;
  }

  /** True when the action may go ahead (and consumes a token). */
  take(key: string): boolean {
    const b = this.refilled(key);
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.delete(key);
    this.buckets.set(key, b);
    if (this.buckets.size > this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return ok;
  }
}
