import type { Analyser } from './analysers/index.ts';
import type { TermMatcher } from './best-section.ts';
import { Vocabulary } from './spelling.ts';
import type { Concept } from './synonyms.ts';

/** Small pure helpers of the search index: concept matching, typo budget (term analysis: see analysers/). */

/** Stop words a misspelt query word may have meant (see `SearchIndex#respell`), per analyser. */
const stopVocabularies = new WeakMap<Analyser, Vocabulary>();
export function stopVocabulary(analyser: Analyser): Vocabulary {
  let v = stopVocabularies.get(analyser);
  if (!v) {
    v = new Vocabulary([...analyser.stopWords].filter((w) => w.length >= 4));
    stopVocabularies.set(analyser, v);
  }
  return v;
}

/** Fraction (0-1) of a concept the matched query terms cover. */
export function conceptMatch(c: Concept, matched: Set<string>): number {
  const hit = c.terms.filter((t) => matched.has(t)).length;
  let best = c.terms.length > 0 ? hit / c.terms.length : 0;
  c.alternatives.forEach((alt, i) => {
    if (alt.every((t) => matched.has(t))) best = Math.max(best, c.weights?.[i] ?? 1);
  });
  return best;
}

export function termMatcher(concepts: Concept[], weights: number[], partial: boolean[]): TermMatcher {
  const exact = new Map<string, number>();
  const prefixes: Array<[string, number]> = [];
  concepts.forEach((c, i) => {
    const w = weights[i] as number;
    for (const t of c.terms) (partial[i] ? prefixes : []).push([t, w]);
    for (const phrase of [c.terms, ...c.alternatives])
      for (const t of phrase) exact.set(t, Math.max(exact.get(t) ?? 0, w));
  });
  return { exact, prefixes };
}

/** Edits allowed when correcting a word: none for short words or codes, two for long words. */
export function maxEdits(term: string): number {
  if (term.length < 4 || /\d/.test(term)) return 0;
  return term.length < 7 ? 1 : 2;
}

/** True when the article has the visitor's own words or a listed synonym of them, not only a dictionary relation. */
export function directMatch(c: Concept, matched: Set<string>): boolean {
  if (c.terms.length > 0 && c.terms.every((t) => matched.has(t))) return true;
  return !c.lexicon && c.alternatives.some((alt) => alt.every((t) => matched.has(t)));
}
