import { createHmac, timingSafeEqual } from 'node:crypto';

export interface FileRef {
  conversationId: string;
  id: string;
  name: string;
}

function mac(secret: string, ref: FileRef, expires: number): string {
  return createHmac('sha256', secret)
    .update(`${ref.conversationId}\n${ref.id}\n${ref.name}\n${expires}`)
    .digest('base64url');
}

/**
 * A path that serves one file until `expires` (Unix seconds), signed with the server's secret (HMAC-SHA256):
 * it cannot be guessed from the file's name or id, and changing any part of it makes it a 404.
 */
export function signFilePath(secret: string, ref: FileRef, expires: number): string {
  const name = encodeURIComponent(ref.name);
  return `/api/attachments/f/${ref.conversationId}/${ref.id}/${name}?e=${expires}&s=${mac(secret, ref, expires)}`;
}

/** True when the signature matches and `now` (Unix seconds) is before the expiry. */
export function verifyFilePath(
  secret: string,
  ref: FileRef,
  expires: number,
  sig: string,
  now: number,
): boolean {
  if (!Number.isSafeInteger(expires) || expires < now) return false;
  const want = Buffer.from(mac(secret, ref, expires));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The name as stored: no path, no control characters, at most 200 characters; `file` when nothing is left. */
export function cleanFileName(raw: unknown): string {
  const s = typeof raw === 'string' ? raw : '';
  const base = s.split(/[/\\]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) > 0x1f && ch.charCodeAt(0) !== 0x7f && !'"<>'.includes(ch))
    .join('')
    .trim()
    .slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean;
}
