import { DomainError } from '../domain/errors.ts';
import type { RateLimiter } from '../lib/rate-limit.ts';
import { ErrorCode } from '../protocol/errors.ts';

/** Spends one of `key`'s budget, or throws rate_limited (the central handler answers 429). */
export function spend(budget: RateLimiter, key: string, message: string): void {
  if (!budget.take(key)) throw new DomainError(ErrorCode.rateLimited, message);
}
