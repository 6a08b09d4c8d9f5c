/**
 * Articles per language. The folder's top level is the default language (English); a top-level folder named
 * after another language Parley speaks holds that language's translations, mirroring the original's path:
 * `es/returns/return-an-item.md` translates `returns/return-an-item.md` (or, with a localised file name, the
 * article its front matter names in `translationOf:`). A translation shares its original's slug and category;
 * its own URL is the original's with the language first (`/kb/es/returns/return-an-item`).
 */

/** The language of the articles at the top of the folder, and of every URL without a language. */
export const DEFAULT_LOCALE = 'en';

/** Languages a top-level folder may hold translations in: those the help centre's own words exist in. */
export const TRANSLATION_LOCALES = ['es', 'de', 'fr'] as const;
export type TranslationLocale = (typeof TRANSLATION_LOCALES)[number];

const LOCALE_SET: ReadonlySet<string> = new Set(TRANSLATION_LOCALES);

export function isTranslationLocale(value: string | undefined): value is TranslationLocale {
  return value !== undefined && LOCALE_SET.has(value);
}

/** `es/returns/x.md` -> { locale: 'es', rest: 'returns/x.md' }; undefined for a default-language path. */
export function localeOfPath(relPath: string): { locale: TranslationLocale; rest: string } | undefined {
  const slash = relPath.indexOf('/');
  if (slash <= 0) return undefined;
  const first = relPath.slice(0, slash);
  return isTranslationLocale(first) ? { locale: first, rest: relPath.slice(slash + 1) } : undefined;
}

/**
 * A language tag from a visitor (`es-MX`, `ES`, `de_AT`) as the knowledge base's language: the default one, a
 * translation language, or undefined when Parley has no articles folder for it.
 */
export function knowledgeBaseLocale(tag: string | undefined): string | undefined {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (base === DEFAULT_LOCALE) return DEFAULT_LOCALE;
  return isTranslationLocale(base) ? base : undefined;
}

/** A slug path that starts with a language (`es/orders/track-your-order`): the language and the shared slug. */
export function splitLocaleSlug(path: string): { locale: string; slug: string } {
  const hit = localeOfPath(path);
  return hit ? { locale: hit.locale, slug: hit.rest } : { locale: DEFAULT_LOCALE, slug: path };
}
