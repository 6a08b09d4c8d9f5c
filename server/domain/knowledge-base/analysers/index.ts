import type { Analyser } from './analyser.ts';
import { ENGLISH } from './english.ts';
import { FRENCH, GERMAN, SPANISH } from './snowball.ts';

export type { Analyser } from './analyser.ts';
export { ENGLISH } from './english.ts';

const BY_LANGUAGE = new Map<string, Analyser>([
  ['en', ENGLISH],
  ['es', SPANISH],
  ['de', GERMAN],
  ['fr', FRENCH],
]);

/** The analyser of a locale ("es", "es-MX", "de_AT"); languages without their own are analysed as English. */
export function analyserFor(locale: string): Analyser {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? '';
  return BY_LANGUAGE.get(language) ?? ENGLISH;
}
