// Which language the widget speaks, decided once for the loader and the app alike.

/** Languages with a table (app/i18n) and loader labels (loader/labels.ts); any other locale gets English. */
export const LANGUAGES = ['en', 'es', 'de', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The language of a BCP 47 tag (`es-MX` -> `es`, `pt-BR` -> `en`). */
export function languageOf(locale: string): Language {
  const lang = (locale || '').toLowerCase().split(/[-_]/)[0] as Language;
  return LANGUAGES.includes(lang) ? lang : 'en';
}
