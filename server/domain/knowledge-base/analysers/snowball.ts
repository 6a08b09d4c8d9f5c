import { stemmer as frenchStem } from '@orama/stemmers/french';
import { stemmer as germanStem } from '@orama/stemmers/german';
import { stemmer as spanishStem } from '@orama/stemmers/spanish';
import { stopwords as frenchStops } from '@orama/stopwords/french';
import { stopwords as germanStops } from '@orama/stopwords/german';
import { stopwords as spanishStops } from '@orama/stopwords/spanish';
import { tokenize } from '../text.ts';
import { type Analyser, createAnalyser } from './analyser.ts';

/**
 * Spanish, German and French: the Snowball stemmers and stop lists (of @orama/stemmers and
 * @orama/stopwords, Apache-2.0). Words reach them with diacritics folded ("devolucion"), while
 * some Snowball suffixes carry an accent ("-ución", "-ación"): those are put back first, so the
 * folded and accented spellings a visitor may type meet at one stem.
 */
const SPANISH_ACCENTS: Array<[RegExp, string]> = [
  [/ucion$/, 'ución'],
  [/acion$/, 'ación'],
  [/logia$/, 'logía'],
];

/**
 * The Snowball lists hold function words; like the English list, each also drops the filler of
 * visitors' questions ("quiero devolver ..." is about returning, not wanting).
 */
const QUESTION_FILLER = {
  es: 'quiero quieres quisiera queria necesito necesitas necesita puedes podria hola gracias favor',
  de: 'möchte möchten brauche brauchen hallo danke bitte',
  fr: 'veux veut voudrais besoin peux peut pourrais bonjour merci comment où',
};

export const SPANISH = snowball('es', [...spanishStops, QUESTION_FILLER.es], (w) => {
  let word = w;
  for (const [folded, accented] of SPANISH_ACCENTS) word = word.replace(folded, accented);
  return spanishStem(word);
});
export const GERMAN = snowball('de', [...germanStops, QUESTION_FILLER.de], germanStem);
// "l'article", "d'une", "qu'il", "jusqu'à": the word after the apostrophe is the one searched for.
const FRENCH_ELISION = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=[\p{L}\p{N}])/u;
export const FRENCH = snowball('fr', [...frenchStops, QUESTION_FILLER.fr], frenchStem, FRENCH_ELISION);

function snowball(
  language: string,
  stops: readonly string[],
  stemmer: (w: string) => string,
  elision?: RegExp,
): Analyser {
  // The lists are written with accents; queries and articles are folded, so fold the lists the same way.
  const stopWords = new Set(stops.flatMap((w) => tokenize(w)));
  // Numbers and codes ("404", "sku123") are kept as written, as in English.
  const stem = (word: string) => (word.length <= 2 || /\d/.test(word) ? word : fold(stemmer(word)));
  return createAnalyser(language, stopWords, stem, elision);
}

function fold(word: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range check
  return /^[\x00-\x7f]*$/.test(word) ? word : word.normalize('NFKD').replace(/\p{M}+/gu, '');
}
