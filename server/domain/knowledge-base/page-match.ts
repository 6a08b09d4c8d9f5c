/** `pages` patterns: `*` matches any run of characters (including `/`); matching ignores case and query strings. */

const cache = new Map<string, RegExp>();

export function pagePatternToRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const body = pattern
      .trim()
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`, 'i');
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

/** The path part of a visitor URL (absolute or relative), or undefined when it cannot be parsed. */
export function urlPath(url: string): string | undefined {
  try {
    const path = new URL(url, 'http://placeholder.invalid').pathname;
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

export function matchesPages(patterns: readonly string[], path: string): boolean {
  return patterns.some(
    (p) => pagePatternToRegExp(p).test(path) || pagePatternToRegExp(p).test(path.replace(/\/+$/, '')),
  );
}
