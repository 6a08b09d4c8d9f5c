import { DEFAULT_LOCALE } from './locales.ts';
import type { ParsedArticle } from './parse-article.ts';
import type { Snapshot } from './snapshot.ts';
import type { ArticleSummary, SearchHit } from './types.ts';

/** The language asked for, when the knowledge base has articles in it other than the default's; else undefined. */
export function askedLocale(snap: Snapshot, locale: string | undefined): string | undefined {
  return locale && locale !== DEFAULT_LOCALE && snap.translations.has(locale) ? locale : undefined;
}

/** `/kb/<slug>` for the default language, `/kb/<locale>/<slug>` for a translation. */
export function articleUrl(slug: string, locale: string | undefined): string {
  return !locale || locale === DEFAULT_LOCALE ? `/kb/${slug}` : `/kb/${locale}/${slug}`;
}

/** The article in `locale` when translated, else the original (or undefined when there is no such article). */
export function inLocale(
  snap: Snapshot,
  slug: string,
  locale: string | undefined,
): ParsedArticle | undefined {
  const original = snap.articles.get(slug);
  if (!original) return undefined;
  return (locale && snap.translations.get(locale)?.get(slug)) || original;
}

export function summaryOf(a: ParsedArticle, withLocale: boolean): ArticleSummary {
  const locale = a.locale ?? DEFAULT_LOCALE;
  return {
    slug: a.slug,
    title: a.title,
    description: a.description,
    category: a.category,
    url: articleUrl(a.slug, locale),
    ...(withLocale ? { locale } : {}),
  };
}

/** Every language an article can be read in, the default one first. */
export function localesOf(snap: Snapshot, slug: string): string[] {
  return [DEFAULT_LOCALE, ...[...snap.translations].filter(([, m]) => m.has(slug)).map(([l]) => l)];
}

/**
 * Search in a language: its own index first. When that finds no answer (a visitor typing in the default
 * language, or a topic not translated yet), the default language's answers are added, shown in the visitor's
 * language where a translation exists (title and description; the snippet would be in the other language).
 */
export function searchInLocale(snap: Snapshot, query: string, limit: number, locale: string): SearchHit[] {
  const own = (snap.localeIndexes.get(locale)?.search(query, limit) ?? []).map((h) => ({
    ...h,
    url: h.url.replace(/^\/kb\//, `/kb/${locale}/`),
    locale,
  }));
  if (own.some((h) => !h.related)) return own;
  const fallback = snap.index.search(query, limit).map((h): SearchHit => {
    const t = snap.translations.get(locale)?.get(h.slug);
    if (!t) return { ...h, locale: DEFAULT_LOCALE };
    return {
      ...h,
      title: t.title,
      heading: null,
      snippet: t.description || (t.sections[0]?.text ?? '').slice(0, 160),
      highlights: [],
      url: articleUrl(t.slug, locale),
      locale,
    };
  });
  const ordered = [...fallback.filter((h) => !h.related), ...own, ...fallback.filter((h) => h.related)];
  const seen = new Set<string>();
  return ordered.filter((h) => !seen.has(h.slug) && seen.add(h.slug)).slice(0, limit);
}
