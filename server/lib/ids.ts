import { createHash, randomBytes } from 'node:crypto';

/** Source of identifiers and secrets; tests may pass a predictable one. */
export interface Ids {
  /** A short unique id for rows (time-ordered prefix, random suffix). */
  id(): string;
  /** An unguessable secret token (256 bits). */
  token(): string;
}

let lastMs = 0;
let counter = 0;

export const randomIds: Ids = {
  // Sortable: time, then a per-process counter (so ids made in one millisecond keep their order), then randomness.
  id: () => {
    const ms = Date.now();
    counter = ms === lastMs ? counter + 1 : 0;
    lastMs = ms;
    return (
      ms.toString(36).padStart(9, '0') +
      counter.toString(36).padStart(3, '0') +
      randomBytes(6).toString('hex')
    );
  },
  token: () => randomBytes(32).toString('base64url'),
};

/** Tokens are stored only as this hash, so a leaked database does not leak live sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
