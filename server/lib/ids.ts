import { createHash, randomBytes, randomFillSync } from 'node:crypto';

/** Source of identifiers and secrets; tests may pass a predictable one. */
export interface Ids {
  /** A short unique id for rows (time-ordered prefix, random suffix). */
  id(): string;
  /** An unguessable secret token (256 bits). */
  token(): string;
}

let lastMs = 0;
let counter = 0;

/**
 * Random bytes for ids, drawn from the system's generator a few kilobytes at a time: one call per id was a
 * twenty-fifth of the server's CPU at thousands of messages a second.
 */
const pool = Buffer.alloc(6 * 1024);
let poolAt = pool.length;
function randomHex6(): string {
  if (poolAt + 6 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += 6;
  return pool.toString('hex', poolAt - 6, poolAt);
}

export const randomIds: Ids = {
  // Sortable: time, then a per-process counter (so ids made in one millisecond keep their order), then randomness.
  id: () => {
    const ms = Date.now();
    counter = ms === lastMs ? counter + 1 : 0;
    lastMs = ms;
    return ms.toString(36).padStart(9, '0') + counter.toString(36).padStart(3, '0') + randomHex6();
  },
  token: () => randomBytes(32).toString('base64url'),
};

/** Tokens are stored only as this hash, so a leaked database does not leak live sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
