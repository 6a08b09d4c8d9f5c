import type { Clock } from '../../lib/clock.ts';
import type { AttachmentRef } from '../../protocol/dto.ts';
import { signFilePath } from './signed-urls.ts';

/** A full URL (Parley's public address) that serves one file of a conversation until it expires. */
export type EmailFileLink = (conversationId: string, file: AttachmentRef) => string;

/** How long a file link in an email works: long enough to read the email later, not forever. */
export const EMAIL_LINK_TTL_SECONDS = 7 * 86400;

/** Signed, expiring links for emails; undefined without a public address to put in front of them. */
export function emailFileLinks(opts: {
  secret: string;
  publicUrl: string | undefined;
  clock: Clock;
}): EmailFileLink | undefined {
  const base = opts.publicUrl?.replace(/\/$/, '');
  if (!base) return undefined;
  return (conversationId, file) => {
    const expires = Math.floor(opts.clock.now().getTime() / 1000) + EMAIL_LINK_TTL_SECONDS;
    return base + signFilePath(opts.secret, { conversationId, id: file.id, name: file.name }, expires);
  };
}

/** The files a stored message carries (its `system` JSON's `files`). */
export function filesOf(system: Record<string, unknown> | null | undefined): AttachmentRef[] {
  const files = system?.files;
  return Array.isArray(files) ? (files as AttachmentRef[]) : [];
}

/**
 * The lines an email gives a message's files: each file's name with its link, never the file itself. Without
 * a link (no public address, or an address nobody proved, which must not receive the conversation's files),
 * the names only, and where to see them.
 */
export function fileLines(
  conversationId: string,
  files: readonly AttachmentRef[],
  link: EmailFileLink | undefined,
): string[] {
  if (files.length === 0) return [];
  if (!link) {
    const names = files.map((f) => f.name).join(', ');
    return [`  (files: ${names}; open the help widget on our site to see them)`];
  }
  const days = Math.round(EMAIL_LINK_TTL_SECONDS / 86400);
  return [
    ...files.map((f) => `  ${f.name}: ${link(conversationId, f)}`),
    `  (these links work for ${days} days)`,
  ];
}
