import { en, type Messages } from './en.ts';

// English ships with the app; the others are small chunks loaded only by visitors who need them.
const lazy: Record<string, () => Promise<Messages>> = {
  es: () => import('./es.ts').then((m) => m.es),
  de: () => import('./de.ts').then((m) => m.de),
  ar: () => import('./ar.ts').then((m) => m.ar),
};

/** The language of a BCP 47 tag that has a table (`es-MX` -> `es`), else `en`. */
export function languageOf(locale: string): string {
  const lang = (locale || '').toLowerCase().split(/[-_]/)[0] ?? '';
  return lang in lazy ? lang : 'en';
}

/** The strings for a locale; English when its table cannot be loaded. */
export function loadMessages(locale: string): Promise<Messages> {
  const lang = languageOf(locale);
  return lang === 'en' ? Promise.resolve(en) : lazy[lang]!().catch(() => en);
}

export function dirFor(locale: string): 'ltr' | 'rtl' {
  return /^(ar|he|fa|ur)\b/i.test(locale) ? 'rtl' : 'ltr';
}

export type { ChatMessages, Messages } from './en.ts';
export { en };
