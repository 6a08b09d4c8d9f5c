import { createHash, randomBytes } from 'node:crypto';

/** Source of identifiers and secrets; tests may pass a predictable one. */
export interface Ids {
  /** A short unique id for rows (time-ordered prefix, random suffix). */
  id(): string;
  /** An unguessable secret token (256 bits). */
  token(): string;
}

export const randomIds: Ids = {
  id: () => Date.now().toString(36).padStart(9, '0') + randomBytes(8).toString('hex'),
  token: () => randomBytes(32).toString('base64url'),
};

/** Tokens are stored only as this hash, so a leaked database does not leak live sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
