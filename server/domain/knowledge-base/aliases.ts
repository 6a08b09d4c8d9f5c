import { isTranslationLocale } from './locales.ts';
import type { ParsedArticle } from './parse-article.ts';
import { type Problem, problem } from './problems.ts';
import { isValidSlug } from './slug.ts';

/**
 * Former slugs. An article's front matter may list the slugs it was published under before (`aliases:`); their
 * URLs (`/kb/<alias>`, `/kb/es/<alias>`, `/api/kb/articles/<alias>`) then lead to the article's current one.
 * The editor's move writes them (kb-editor/aliases.ts); `kb:check` reports an alias that cannot work.
 */

/** Alias -> current slug. */
export type AliasMap = Map<string, string>;

export interface Aliases {
  /** From the default language's articles: they hold in every language (a translation shares its slug). */
  all: AliasMap;
  /** From a translation's own front matter: only in that language. */
  byLocale: Map<string, AliasMap>;
}

/** `/kb/orders/old.md/` and `orders/old` are the same alias: the slug, without `/`, `kb/` or `.md`. */
export function normalizeAlias(text: string): string {
  return text.trim().replace(/^\/+/, '').replace(/^kb\//, '').replace(/\/+$/, '').replace(/\.md$/i, '');
}

/**
 * Checks every alias and maps the usable ones. An alias must be a valid slug, must not start with a language
 * folder, and must not be the slug of an article (drafts included) or an alias of another one (the first file by
 * path keeps it). A broken alias is an error at its line and is ignored; the article itself is still published.
 * Aliases of a draft are checked but not mapped (the draft answers nothing yet).
 */
export function collectAliases(
  originals: ParsedArticle[],
  translations: Map<string, Map<string, ParsedArticle>> = new Map(),
): { aliases: Aliases; problems: Problem[] } {
  const slugs = new Map(originals.map((a) => [a.slug, a.relPath]));
  const problems: Problem[] = [];
  const owners = new Map<string, { relPath: string; line: number; slug: string }>();
  const all: AliasMap = new Map();
  const claim = (
    a: ParsedArticle,
    map: AliasMap,
    scope: Map<string, { relPath: string; line: number; slug: string }>,
  ) => {
    const seen = new Set<string>();
    for (const { text, line } of a.aliases ?? []) {
      const alias = normalizeAlias(text);
      const twice = seen.has(alias);
      seen.add(alias);
      const fail = (message: string, severity: Problem['severity'] = 'error') =>
        problems.push(problem(a.relPath, line, `alias "${text}" ${message}; ignored`, severity));
      if (twice) {
        fail('is listed twice', 'warning');
      } else if (!isValidSlug(alias)) {
        fail('is not a valid slug (lowercase letters, digits and hyphens, folders split by /)');
      } else if (isTranslationLocale(alias.split('/')[0] ?? '')) {
        fail('starts with a language folder: write the slug without it');
      } else if (alias === a.slug) {
        fail("is this article's own slug", 'warning');
      } else if (slugs.has(alias)) {
        fail(`is the slug of another article (${slugs.get(alias)})`);
      } else if (scope.has(alias) && scope.get(alias)?.slug !== a.slug) {
        const first = scope.get(alias);
        fail(`is already an alias of ${first?.relPath} (line ${first?.line})`);
      } else {
        scope.set(alias, { relPath: a.relPath, line, slug: a.slug });
        if (!a.draft) map.set(alias, a.slug);
      }
    }
  };
  for (const a of [...originals].sort((x, y) => x.relPath.localeCompare(y.relPath))) claim(a, all, owners);
  const byLocale = new Map<string, AliasMap>();
  for (const [locale, bySlug] of translations) {
    const map: AliasMap = new Map();
    const scope = new Map(owners);
    const sorted = [...bySlug.values()].sort((x, y) => x.relPath.localeCompare(y.relPath));
    for (const t of sorted) claim(t, map, scope);
    if (map.size > 0) byLocale.set(locale, map);
  }
  return { aliases: { all, byLocale }, problems };
}

/** The current slug an alias leads to in `locale` (a translation's own aliases first), if any. */
export function resolveAlias(aliases: Aliases, slug: string, locale?: string): string | undefined {
  return (locale ? aliases.byLocale.get(locale)?.get(slug) : undefined) ?? aliases.all.get(slug);
}
