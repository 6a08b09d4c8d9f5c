import type { ErrorBody } from '../../server/protocol/errors.ts';
import { readJson, writeJson } from '../ui/storage.ts';

/** A message typed but not yet acknowledged. `failed`: the server refused it for good; only Retry sends it again. */
export interface PendingMessage {
  clientId: string;
  text: string;
  failed: boolean;
  /** The offline form's address, sent with `conversation:start`. */
  email?: string;
  name?: string;
}

// Worth trying again with the same clientId: the server may not have stored it, or asked us to slow down.
const TRANSIENT = new Set<ErrorBody['code'] | 'timeout'>([
  'timeout',
  'unavailable',
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

/**
 * The outbox and the draft live in sessionStorage: they survive a reload of this tab. Not localStorage, where a
 * second tab would send the same first message as a second conversation:start.
 */
export function createOutboxStorage(key: string | null) {
  return {
    load: (): PendingMessage[] => (key ? (readJson<PendingMessage[]>(key, 'sessionStorage') ?? []) : []),
    save: (list: PendingMessage[]) => {
      if (key) writeJson(key, list.length ? list : null, 'sessionStorage');
    },
  };
}
