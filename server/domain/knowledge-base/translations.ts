import { localeOfPath, splitLocaleSlug } from './locales.ts';
import { type CategoryMeta, type ParsedArticle, parseCategory } from './parse-article.ts';
import { type Problem, problem } from './problems.ts';
import type { SourceFile } from './scan.ts';
import { type ValidateOptions, validateArticles } from './validate.ts';

/** Published translations, by language then by their original's slug. */
export type TranslationMap = Map<string, Map<string, ParsedArticle>>;

/**
 * Matches each translation to its original (see locales.ts) and keeps those that can be published:
 * - its original must exist: otherwise an error, and the translation is not published;
 * - a draft original, or a translation marked draft, is not published (neither is visible yet);
 * - one translation per article and language: a second one is an error, and only the first (by path) is kept.
 * A translation takes its original's category, so it sits in the same place in every language.
 */
export function resolveTranslations(
  originals: ParsedArticle[],
  translations: ParsedArticle[],
): { byLocale: TranslationMap; problems: Problem[] } {
  const bySlug = new Map(originals.map((a) => [a.slug, a]));
  const byLocale: TranslationMap = new Map();
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const t of translations) {
    const locale = t.locale ?? '';
    const original = bySlug.get(t.slug);
    if (!original) {
      problems.push(
        problem(
          t.relPath,
          1,
          `translation of a missing article: no "${t.slug}" (${t.slug}.md) in the default language; article not published`,
        ),
      );
      continue;
    }
    const key = `${locale}\0${t.slug}`;
    const first = seen.get(key);
    if (first) {
      problems.push(
        problem(
          t.relPath,
          1,
          `a second ${locale} translation of "${t.slug}" (already translated by ${first}); article not published`,
        ),
      );
      continue;
    }
    seen.set(key, t.relPath);
    if (t.draft || original.draft) continue;
    const forLocale = byLocale.get(locale) ?? new Map<string, ParsedArticle>();
    byLocale.set(locale, forLocale);
    forLocale.set(t.slug, { ...t, category: original.category, order: original.order });
  }
  return { byLocale, problems };
}

/**
 * Checks each translation's links the way an original's are checked, against what a visitor of that language
 * reaches: a link to `es/<slug>` (or to `<slug>`) must name an article, and its anchor a heading of the
 * translation when there is one, else of the original (the page a missing translation falls back to).
 */
export function validateTranslations(
  originals: ParsedArticle[],
  byLocale: TranslationMap,
  options: ValidateOptions,
): Problem[] {
  const problems: Problem[] = [];
  const originalsBySlug = new Map(originals.map((a) => [a.slug, a]));
  for (const [locale, translated] of byLocale) {
    const reachable = new Map(originalsBySlug);
    for (const [slug, t] of translated) reachable.set(slug, t);
    const view = [...reachable.values()].map((a) => ({
      ...a,
      links: a.links.map((l) => ({ ...l, slug: splitLocaleSlug(l.slug).slug })),
    }));
    for (const p of validateArticles(view, options)) {
      if (localeOfPath(p.file)?.locale === locale) problems.push(p);
    }
  }
  return problems;
}

/**
 * A language folder's `_category.md` files (`es/returns/_category.md`) as that language's category titles,
 * keyed by the category's slug (`returns`). Returns the other (default-language) category files untouched.
 */
export function splitCategoryFiles(
  files: Map<string, SourceFile>,
  problems: Problem[],
): {
  own: Map<string, SourceFile>;
  byLocale: Map<string, Map<string, CategoryMeta>>;
} {
  const own = new Map<string, SourceFile>();
  const byLocale = new Map<string, Map<string, CategoryMeta>>();
  for (const [folder, file] of files) {
    const hit = localeOfPath(`${folder}/`);
    if (!hit) {
      own.set(folder, file);
      continue;
    }
    const meta = parseCategory(hit.rest.replace(/\/$/, ''), file, problems);
    const forLocale = byLocale.get(hit.locale) ?? new Map<string, CategoryMeta>();
    byLocale.set(hit.locale, forLocale);
    forLocale.set(meta.slug, meta);
  }
  return { own, byLocale };
}
