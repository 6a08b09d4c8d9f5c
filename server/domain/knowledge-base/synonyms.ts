import { parse } from 'yaml';
import { type Analyser, ENGLISH } from './analysers/index.ts';
import { type Problem, problem } from './problems.ts';
import { tokenize } from './text.ts';

/** One way of saying something: the stems of all its words (to match) and of its content words (to search). */
interface Phrase {
  all: string[];
  content: string[];
}

/** Groups of equivalent words/phrases, indexed by the stem of each phrase's first word. */
export interface SynonymTable {
  /** The analyser the phrases were stemmed with; queries looked up in the table go through it too. */
  analyser: Analyser;
  byFirstStem: Map<string, Array<{ phrase: Phrase; group: Phrase[] }>>;
  /** Every word of the groups as written (lower case): what a misspelt query word may have meant. */
  words: Set<string>;
}

export function createSynonymTable(
  groups: ReadonlyArray<ReadonlyArray<string>>,
  analyser: Analyser = ENGLISH,
): SynonymTable {
  const byFirstStem: SynonymTable['byFirstStem'] = new Map();
  const known = new Set<string>();
  for (const words of groups) {
    for (const w of words.flatMap((text) => tokenize(text, analyser.elision)))
      if (!analyser.isStopWord(w)) known.add(w);
    const group = words.map((text) => toPhrase(text, analyser)).filter((p) => p.content.length > 0);
    if (group.length < 2) continue;
    for (const phrase of group) {
      const first = phrase.all[0] as string;
      const list = byFirstStem.get(first) ?? [];
      list.push({ phrase, group });
      // Longest phrases first, so "log in" wins over "log".
      list.sort((a, b) => b.phrase.all.length - a.phrase.all.length);
      byFirstStem.set(first, list);
    }
  }
  return { analyser, byFirstStem, words: known };
}

function toPhrase(text: string, analyser: Analyser): Phrase {
  const words = tokenize(text, analyser.elision);
  const stem = (w: string) => analyser.stem(w);
  return {
    all: words.map(stem),
    content: words.filter((w) => !analyser.isStopWord(w) && w.length > 1).map(stem),
  };
}

/** A unit of meaning in a query: the visitor's own words plus equivalent phrasings. */
export interface Concept {
  terms: string[];
  alternatives: string[][];
  /** True when the alternatives are spelling corrections rather than synonyms. */
  corrected?: boolean;
  /** The visitor's own word, as typed (lower case), when the concept is one word. */
  word?: string;
  /** Confidence (0-1) of each alternative, when not all are full synonyms (general-language relations). */
  weights?: number[];
  /** True when the alternatives come from the general-language resource (WordNet), not a synonym list. */
  lexicon?: boolean;
}

/** Splits a query into concepts: stop words dropped, words stemmed (by the table's analyser), synonym phrases recognised. */
export function analyzeQuery(query: string, table: SynonymTable): Concept[] {
  const { analyser } = table;
  const words = tokenize(query, analyser.elision);
  const stems = words.map((w) => analyser.stem(w));
  const concepts: Concept[] = [];
  let i = 0;
  while (i < words.length) {
    const match = table.byFirstStem
      .get(stems[i] as string)
      ?.find((c) => c.phrase.all.every((s, k) => stems[i + k] === s));
    if (match) {
      const alternatives = match.group
        .filter((p) => p !== match.phrase)
        .map((p) => p.content)
        .filter((alt) => !sameTerms(alt, match.phrase.content));
      concepts.push({ terms: match.phrase.content, alternatives });
      i += match.phrase.all.length;
      continue;
    }
    const word = words[i] as string;
    if (!analyser.isStopWord(word)) concepts.push({ terms: [stems[i] as string], alternatives: [], word });
    i++;
  }
  return mergeDuplicates(concepts);
}

function sameTerms(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

function mergeDuplicates(concepts: Concept[]): Concept[] {
  const seen = new Set<string>();
  return concepts.filter((c) => {
    const key = c.terms.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Parses `_synonyms.yml` (a YAML list of lists). Bad entries are reported and ignored. */
export function parseSynonymsFile(
  relPath: string,
  text: string,
): { groups: string[][]; problems: Problem[] } {
  const problems: Problem[] = [];
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? 1;
    problems.push(
      problem(relPath, line, `invalid YAML: ${(error as Error).message.split('\n')[0]}; synonyms ignored`),
    );
    return { groups: [], problems };
  }
  if (data === null || data === undefined) return { groups: [], problems };
  if (!Array.isArray(data)) {
    problems.push(problem(relPath, 1, 'synonyms file must be a list of lists of words; ignored'));
    return { groups: [], problems };
  }
  const groups: string[][] = [];
  data.forEach((entry, index) => {
    if (Array.isArray(entry) && entry.every((w) => typeof w === 'string' || typeof w === 'number')) {
      groups.push(entry.map(String));
    } else {
      problems.push(problem(relPath, 1, `entry ${index + 1} is not a list of words; ignored`, 'warning'));
    }
  });
  return { groups, problems };
}
