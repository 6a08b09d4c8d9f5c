import { posix } from 'node:path';

/** Which URLs may appear in article HTML, and how article-relative paths resolve. */

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);
export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.svg']);

/** True for http(s), mailto and scheme-less (relative) URLs; everything else is rendered as text. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
  // markdown-it percent-encodes before validating, so decode first ("java%09script:").
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const compact = (safeDecode(url) ?? url).replace(/[\u0000-\u0020\u007f]+/g, '');
  const scheme = SCHEME.exec(compact)?.[1]?.toLowerCase();
  if (scheme === undefined) return !compact.startsWith('//') && !compact.startsWith('\\');
  return SAFE_SCHEMES.has(scheme);
}

export function isExternalUrl(url: string): boolean {
  return /^https?:/i.test(url.trim()) || url.trim().startsWith('//');
}

/**
 * Resolves `target` (a relative URL path, already percent-decoded) against the folder of the
 * article at `fromRelPath`. Undefined when it leaves the knowledge-base root.
 */
export function resolveInsideRoot(fromRelPath: string, target: string): string | undefined {
  if (target.includes('\0') || target.includes('\\')) return undefined;
  const base = target.startsWith('/') ? '.' : posix.dirname(fromRelPath);
  const rel = posix.normalize(posix.join(base, target.replace(/^\/+/, '')));
  if (rel === '.' || rel === '..' || rel.startsWith('../') || rel.startsWith('/')) return undefined;
  return rel;
}

export function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

export function isImagePath(relPath: string): boolean {
  return IMAGE_EXTENSIONS.has(posix.extname(relPath).toLowerCase());
}
