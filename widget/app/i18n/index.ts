import { en, type Messages } from './en.ts';

// Add a locale by adding its table here (es, de, ar...): `ar` also needs dir="rtl" (see `dirFor`).
const tables: Record<string, Messages> = { en };

/** The table for a BCP 47 tag: exact, then language only, then English. */
export function messagesFor(locale: string): Messages {
  const tag = locale.toLowerCase();
  return tables[tag] ?? tables[tag.split('-')[0]!] ?? en;
}

export function dirFor(locale: string): 'ltr' | 'rtl' {
  return /^(ar|he|fa|ur)\b/i.test(locale) ? 'rtl' : 'ltr';
}

export type { ChatMessages, Messages } from './en.ts';
