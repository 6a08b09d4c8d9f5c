import { LANGUAGES, languageOf } from '../ui/language.ts';

// The loader speaks before the app has loaded, so it carries its own two words per language, in the order of
// LANGUAGES: the launcher's default text (the app's `title`) and its accessible name. Everything else is the app's.
const LABELS = ['Help|Open help', 'Ayuda|Abrir ayuda', 'Hilfe|Hilfe öffnen', 'المساعدة|فتح المساعدة'];

/** The language for a locale (chosen as the app chooses its table) and the launcher's text and name in it. */
export function labelsFor(locale: string): [lang: string, text: string, name: string] {
  const lang = languageOf(locale);
  return [lang, ...(LABELS[LANGUAGES.indexOf(lang)]!.split('|') as [string, string])];
}
