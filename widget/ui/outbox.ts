import type { MessageDTO } from '../../server/protocol/dto.ts';
import type { ErrorBody } from '../../server/protocol/errors.ts';

/**
 * Outbox rules the widget and the console share. A message waits in an outbox, with a client id it keeps across
 * retries, until the server has stored it; seeing it stored (in an ack, a fact or a sync) is what settles it.
 */

/** Drops entries whose message the server has stored. */
export function settle<P extends { clientId: string }>(pending: P[], messages: MessageDTO[]): P[] {
  const stored = new Set(messages.map((m) => m.clientId).filter(Boolean));
  const left = pending.filter((p) => !stored.has(p.clientId));
  return left.length === pending.length ? pending : left;
}

// Worth trying again with the same clientId: the server may not have stored it, or asked us to slow down.
const TRANSIENT = new Set<ErrorBody['code'] | 'timeout'>([
  'timeout',
  'unavailable',
  'storage_full',
  'internal',
  'rate_limited',
]);

export function isTransient(code: string): boolean {
  return TRANSIENT.has(code as ErrorBody['code']);
}

/** Delay before the n-th retry (0-based): 1 s, 2 s, 4 s ... 30 s, with ±50 % jitter. */
export function retryDelay(n: number, random = Math.random): number {
  return Math.min(30_000, 1000 * 2 ** n) * (0.5 + random());
}
