import { posix } from 'node:path';
import { resolveInsideRoot, safeDecode } from '../knowledge-base/link-policy.ts';
import { slugFromPath } from '../knowledge-base/slug.ts';

/** Inline links and images `](target`, and reference definitions `[id]: target`. */
const INLINE = /(\]\()(<[^>\n]*>|[^)\s]+)/g;
const REFERENCE = /^( {0,3}\[[^\]\n]+\]:[ \t]*)(<[^>\n]*>|\S+)/gm;

/** Rewrites every link target in Markdown `text` that `rewrite` returns a new target for. */
export function rewriteLinks(text: string, rewrite: (href: string) => string | undefined): string {
  const each = (_m: string, lead: string, raw: string) => {
    const angled = raw.startsWith('<') && raw.endsWith('>');
    const href = angled ? raw.slice(1, -1) : raw;
    const next = rewrite(href);
    if (next === undefined) return `${lead}${raw}`;
    return `${lead}${angled || /\s/.test(next) ? `<${next}>` : next}`;
  };
  return text.replace(INLINE, each).replace(REFERENCE, each);
}

interface Target {
  /** Relative to the knowledge-base root. */
  path: string;
  hash: string;
  rootRelative: boolean;
}

function resolve(fromRelPath: string, href: string): Target | undefined {
  if (href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
  const hashAt = href.indexOf('#');
  const pathPart = (hashAt < 0 ? href : href.slice(0, hashAt)).split('?')[0] ?? '';
  const decoded = safeDecode(pathPart);
  if (!decoded) return undefined;
  const path = resolveInsideRoot(fromRelPath, decoded);
  if (!path) return undefined;
  return { path, hash: hashAt < 0 ? '' : href.slice(hashAt), rootRelative: href.startsWith('/') };
}

function hrefTo(fromRelPath: string, target: Target, newPath: string): string {
  const rel = target.rootRelative ? `/${newPath}` : posix.relative(posix.dirname(fromRelPath), newPath);
  return encodeURI(rel) + target.hash;
}

/** Another article's text with its links to the article at `oldSlug` pointed at `newRelPath`. */
export function relinkTo(text: string, fromRelPath: string, oldSlug: string, newRelPath: string): string {
  return rewriteLinks(text, (href) => {
    const target = resolve(fromRelPath, href);
    if (!target || !/\.md$/i.test(target.path) || slugFromPath(target.path) !== oldSlug) return undefined;
    return hrefTo(fromRelPath, target, newRelPath);
  });
}

/** The moved article's own relative links, re-aimed from its new folder (they pointed from the old one). */
export function relinkMoved(text: string, oldRelPath: string, newRelPath: string): string {
  return rewriteLinks(text, (href) => {
    const target = resolve(oldRelPath, href);
    if (!target || target.rootRelative) return undefined;
    const path = target.path === oldRelPath ? newRelPath : target.path;
    const next = hrefTo(newRelPath, target, path);
    return next === href ? undefined : next;
  });
}
