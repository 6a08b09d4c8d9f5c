/** Slugs and heading ids: lowercase ASCII letters, digits and dashes (slugs also `/`). */

export function slugifySegment(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `orders/Track an Order.md` -> `orders/track-an-order`. */
export function slugFromPath(relPath: string): string {
  const withoutExt = relPath.replace(/\.md$/i, '');
  return withoutExt
    .split('/')
    .map(slugifySegment)
    .filter((s) => s.length > 0)
    .join('/');
}

/** What a valid article slug looks like; the HTTP layer checks this before any lookup. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

/** A slug an article, an alias or an editor's change may take: the pattern, at most 200 characters. */
export function isValidSlug(slug: string): boolean {
  return slug.length <= 200 && SLUG_PATTERN.test(slug);
}

/** Hands out unique heading ids within one article: "setup", "setup-2", ... */
export function createIdAllocator(): (text: string) => string {
  const seen = new Map<string, number>();
  return (text) => {
    const base = slugifySegment(text) || 'section';
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n + 1}`;
  };
}

export function humanize(segment: string): string {
  const words = segment.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
