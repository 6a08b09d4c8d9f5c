/** Tokenising shared by indexing, querying, snippets and synonyms, so all four agree on what a word is. */

// Common English function words plus the filler verbs of questions (in the spirit of the SMART
// stop list): they carry no topic, and dropping them keeps "how do I make ..." from matching everything.
const STOP_WORDS_LIST = `a about above after again against all am an and any are as at be because been before being
below between both but by can cannot could did do does doing done down during each either else ever every few for from
further get gets getting got had has have having he her here hers herself him himself his how i if in into is it its
itself just let lets me might more most much must my myself no nor not now of off on once only or other our ours
ourselves out over own please same shall she should so some such than that the their theirs them themselves then there
these they this those through to too under until up upon very via want wanted wants was we were what when where which
while who whom whose why will with within without would yet you your yours yourself yourselves im ive id youre youve
dont doesnt didnt cant wont isnt arent wasnt also anyway way ok okay hi hello thanks thank need needs like really
still something someone anything anyone thing things make makes made go goes going went gone seem seems seemed
show shows one many much use using used know see look looks try tried trying able since
anymore possible possibly happen happens happened happening wonder wondering exactly actually basically somehow
suddenly currently maybe perhaps sure whether`;

export const STOP_WORDS: ReadonlySet<string> = new Set(STOP_WORDS_LIST.split(/\s+/).filter(Boolean));

export interface Token {
  /** Lowercased surface form, apostrophes removed. */
  word: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/**
 * Words with their offsets in the original text (offsets feed snippet highlights). `elision`: a language's
 * elided words before an apostrophe, dropped from the word ("l'article" is "article" in French).
 */
export function tokenizeWithOffsets(text: string, elision?: RegExp): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const lower = m[0].toLowerCase();
    const word = (elision ? lower.replace(elision, '') : lower).replace(/['’]/g, '');
    out.push({ word: foldDiacritics(word), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Words only (the hot path of indexing: no offset objects); `elision` as in `tokenizeWithOffsets`. */
export function tokenize(text: string, elision?: RegExp): string[] {
  const words = text.toLowerCase().match(WORD);
  if (!words) return [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (!w.includes("'") && !w.includes('’')) words[i] = foldDiacritics(w);
    else words[i] = foldDiacritics((elision ? w.replace(elision, '') : w).replace(/['’]/g, ''));
  }
  return words;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

function foldDiacritics(word: string): string {
  // Cheap path: ASCII words are the vast majority.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII range check
  if (/^[\x00-\x7f]*$/.test(word)) return word;
  return word.normalize('NFKD').replace(/\p{M}+/gu, '');
}
