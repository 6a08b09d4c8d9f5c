import { stem } from '../stemmer.ts';
import type { Concept } from '../synonyms.ts';
import { isStopWord, tokenize } from '../text.ts';
import { WordNet } from './wordnet.ts';

/**
 * Engine switches (all on by default). The benchmark turns parts off to measure each one; the
 * server never changes them.
 */
export const searchEngine = {
  /** Expand query words the knowledge base never uses with related general-English words. */
  lexicon: true,
  wordnet: (): WordNet | null =>
    WordNet.shared((error) =>
      process.emitWarning(`search: WordNet not available, no general-language expansion (${error.message})`),
    ),
};

/** Related words kept per unknown query word (the most confident that the knowledge base uses). */
const MAX_ALTERNATIVES = 6;
/**
 * A dictionary relation is evidence, not equivalence: even a same-sense synonym stands in for the
 * visitor's word at this share (the senses a help centre uses are not the dictionary's first ones).
 */
const LEXICON_CONFIDENCE = 0.7;
/** A related word used by more than this share of articles is too common to stand in for anything. */
const COMMON_SHARE = 0.25;
/** Weakest relation used. */
const MIN_WEIGHT = 0.35;

/**
 * A query word that no article uses but that is a real English word ("coworkers", "maths") gets
 * the related words the knowledge base does use, each weighed by the relation's confidence, so it
 * can never outweigh an exact match. Words the knowledge base knows are left alone.
 */
export function expandWithLexicon(
  concepts: Concept[],
  wordnet: WordNet,
  df: (stem: string) => number,
  articles = 0,
): Concept[] {
  const common = articles >= 20 ? articles * COMMON_SHARE : Number.POSITIVE_INFINITY;
  return concepts.map((c) => {
    if (c.terms.length !== 1 || c.alternatives.length > 0 || c.word === undefined) return c;
    const own = c.terms[0] as string;
    if (df(own) > 0 || !wordnet.knows(c.word)) return c;
    const alternatives: string[][] = [];
    const weights: number[] = [];
    const seen = new Set<string>();
    for (const { lemma, weight } of wordnet.related(c.word)) {
      if (weight < MIN_WEIGHT) break;
      const stems = tokenize(lemma)
        .filter((w) => !isStopWord(w))
        .map(stem);
      const key = stems.join(' ');
      if (stems.length === 0 || key === own || seen.has(key) || !stems.every((s) => df(s) > 0)) continue;
      // A word most articles use ("set", "run") says nothing about what the visitor meant.
      if (stems.every((s) => df(s) > common)) continue;
      seen.add(key);
      alternatives.push(stems);
      weights.push(weight * LEXICON_CONFIDENCE);
      if (alternatives.length >= MAX_ALTERNATIVES) break;
    }
    return alternatives.length > 0 ? { ...c, alternatives, weights, lexicon: true } : c;
  });
}
