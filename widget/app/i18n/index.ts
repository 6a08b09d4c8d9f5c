import { type Language, languageOf } from '../../ui/language.ts';
import { en, type Messages } from './en.ts';

// English ships with the app; the others are small chunks loaded only by visitors who need them.
const lazy: Record<Exclude<Language, 'en'>, () => Promise<Messages>> = {
  es: () => import('./es.ts').then((m) => m.es),
  de: () => import('./de.ts').then((m) => m.de),
  ar: () => import('./ar.ts').then((m) => m.ar),
};

/** The strings for a locale; English when its table cannot be loaded. */
export function loadMessages(locale: string): Promise<Messages> {
  const lang = languageOf(locale);
  return lang === 'en' ? Promise.resolve(en) : lazy[lang]().catch(() => en);
}

/** The direction of the language the widget shows (a Hebrew page gets the English table, left to right). */
export function dirFor(locale: string): 'ltr' | 'rtl' {
  return languageOf(locale) === 'ar' ? 'rtl' : 'ltr';
}

export type { ChatMessages, Messages } from './en.ts';
export { en, languageOf };
