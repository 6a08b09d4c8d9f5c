import type MiniSearch from 'minisearch';

/**
 * Query-time scoring over MiniSearch's inverted index, with the same BM25 arithmetic as
 * `MiniSearch#search` (field boosts, prefix weights, a query term's boost, AND phrases inside an
 * OR query, and the final multiplication by the number of query terms matched) but without its
 * per-document allocations: scores accumulate in typed arrays, and only the documents that can
 * still pass the relevance floor are sorted and turned into objects. At 5,000 articles this
 * is where a query spent most of its time (a Map entry, a match object and a terms array per
 * posting, then a sort of every matching document).
 *
 * MiniSearch stays the index (tokenising, stems, the radix tree that answers prefix lookups);
 * this reads its index fields, so the MiniSearch version is pinned exactly and
 * test/unit/knowledge-base/scorer.test.ts checks that both rank every benchmark query alike.
 */

/** The parts of MiniSearch's index this scorer reads (MiniSearch 7.2). */
interface MiniSearchIndex {
  _index: {
    get(term: string): Map<number, Map<number, number>> | undefined;
    atPrefix(prefix: string): Iterable<[string, Map<number, Map<number, number>>]>;
  };
  _fieldIds: Record<string, number>;
  _avgFieldLength: number[];
  _fieldLength: Map<number, number[]>;
  _documentCount: number;
}

export interface TermQuery {
  term: string;
  prefix: boolean;
}

/** A query: single terms (each may also match by prefix) and phrases whose words must all match. */
export interface ScoringQuery {
  terms: TermQuery[];
  /** Every word of a phrase must match the document (MiniSearch's AND), each weighed by `boost`. */
  phrases: Array<{ words: string[]; boost: number }>;
  /**
   * When set, the unit of meaning of each term (by term, e.g. the concept a synonym stands in for): the final
   * multiplication counts the units a document matched, not its distinct words, so an article matching three
   * phrasings of one idea does not outrank one matching two different ideas. Unset: MiniSearch's count of terms.
   */
  unitOf?: Map<string, number>;
}

export interface ScoringOptions {
  boost: Record<string, number>;
  prefixWeight: number;
  bm25: { k: number; b: number; d: number };
}

export interface Candidate {
  id: number;
  score: number;
  /** The query's terms this document matched (a phrase's words count one by one). */
  queryTerms: string[];
}

export interface Scored {
  /** Highest score of any document (what relative bonuses are measured against). */
  top: number;
  /** Documents scoring at least `minScore`, plus the `always` ones that matched, best first. */
  candidates: Candidate[];
}

type Postings = Map<number, Map<number, number>>;

/** Most distinct query terms tracked per document (one bit each). */
export const MAX_QUERY_TERMS = 31;

export class Scorer {
  private readonly index: MiniSearchIndex;
  private readonly n: number;
  private readonly fields: Array<{ id: number; boost: number; avg: number; length: Float64Array }>;
  private readonly score: Float64Array;
  private readonly mask: Uint32Array;
  private readonly touched: Int32Array;
  private count = 0;
  // Scratch space for one phrase at a time.
  private readonly phraseScore: Float64Array;
  private readonly phraseMask: Uint32Array;
  private readonly phraseTouched: Int32Array;
  private phraseCount = 0;

  constructor(
    mini: MiniSearch,
    private readonly options: ScoringOptions,
  ) {
    this.index = mini as unknown as MiniSearchIndex;
    this.n = this.index._documentCount;
    this.fields = Object.entries(this.index._fieldIds).map(([name, id]) => {
      const length = new Float64Array(this.n);
      for (const [doc, lengths] of this.index._fieldLength) length[doc] = lengths[id] ?? 0;
      return { id, boost: options.boost[name] ?? 1, avg: this.index._avgFieldLength[id] ?? 1, length };
    });
    this.score = new Float64Array(this.n);
    this.mask = new Uint32Array(this.n);
    this.touched = new Int32Array(this.n);
    this.phraseScore = new Float64Array(this.n);
    this.phraseMask = new Uint32Array(this.n);
    this.phraseTouched = new Int32Array(this.n);
  }

  /** Distinct query terms of a query, in the order their bits are assigned. */
  static queryTerms(query: ScoringQuery): string[] {
    const seen = new Set<string>();
    for (const t of query.terms) seen.add(t.term);
    for (const p of query.phrases) for (const w of p.words) seen.add(w);
    return [...seen];
  }

  /**
   * Scores every document matching the query; returns those scoring at least `minScore` (and
   * any of `always` that matched), sorted by score. Callers keep queries to MAX_QUERY_TERMS terms.
   */
  search(query: ScoringQuery, minScore: number, always: ReadonlySet<number>): Scored {
    const terms = Scorer.queryTerms(query);
    const bit = new Map(terms.map((t, i) => [t, 1 << i]));
    this.reset();
    for (const { term, prefix } of query.terms) {
      const b = bit.get(term) as number;
      this.addPostings(this.index._index.get(term), 1, b, false);
      if (!prefix) continue;
      for (const [derived, postings] of this.index._index.atPrefix(term)) {
        const distance = derived.length - term.length;
        if (distance === 0) continue;
        const weight = (this.options.prefixWeight * derived.length) / (derived.length + 0.3 * distance);
        this.addPostings(postings, weight, b, false);
      }
    }
    for (const phrase of query.phrases) this.addPhrase(phrase, bit);

    // Bit of each term -> bit of its unit of meaning (identity without units).
    const unitBits = terms.map((t, i) => 1 << (query.unitOf?.get(t) ?? i));
    const seen = new Map<number, number>(); // documents share few distinct masks
    const units = (mask: number) => {
      if (query.unitOf === undefined) return popcount(mask);
      let n = seen.get(mask);
      if (n === undefined) {
        let out = 0;
        for (let i = 0; i < unitBits.length; i++) if (mask & (1 << i)) out |= unitBits[i] as number;
        n = popcount(out);
        seen.set(mask, n);
      }
      return n;
    };
    let top = 0;
    const kept: number[] = [];
    for (let i = 0; i < this.count; i++) {
      const doc = this.touched[i] as number;
      const final = (this.score[doc] as number) * units(this.mask[doc] as number);
      this.score[doc] = final;
      if (final > top) top = final;
      if (final >= minScore || always.has(doc)) kept.push(doc);
    }
    kept.sort((a, b) => (this.score[b] as number) - (this.score[a] as number) || a - b);
    const candidates = kept.map((doc) => ({
      id: doc,
      score: this.score[doc] as number,
      queryTerms: terms.filter((_, i) => ((this.mask[doc] as number) & (1 << i)) !== 0),
    }));
    return { top, candidates };
  }

  /** The document's words that matched `term` exactly or, when `prefix`, by prefix. */
  matchedWords(doc: number, term: string, prefix: boolean): string[] {
    const out: string[] = [];
    if (hasDoc(this.index._index.get(term), doc)) out.push(term);
    if (prefix)
      for (const [derived, postings] of this.index._index.atPrefix(term))
        if (derived !== term && hasDoc(postings, doc)) out.push(derived);
    return out;
  }

  private reset(): void {
    for (let i = 0; i < this.count; i++) {
      const doc = this.touched[i] as number;
      this.score[doc] = 0;
      this.mask[doc] = 0;
    }
    this.count = 0;
  }

  private addPhrase(phrase: { words: string[]; boost: number }, bit: Map<string, number>): void {
    this.phraseCount = 0;
    let all = 0;
    for (const word of phrase.words) {
      const b = bit.get(word) as number;
      all |= b;
      this.addPostings(this.index._index.get(word), phrase.boost, b, true);
    }
    for (let i = 0; i < this.phraseCount; i++) {
      const doc = this.phraseTouched[i] as number;
      if (this.phraseMask[doc] === all) {
        if (this.mask[doc] === 0 && this.score[doc] === 0) this.touched[this.count++] = doc;
        this.score[doc] = (this.score[doc] as number) + (this.phraseScore[doc] as number);
        this.mask[doc] = (this.mask[doc] as number) | all;
      }
      this.phraseScore[doc] = 0;
      this.phraseMask[doc] = 0;
    }
  }

  private addPostings(postings: Postings | undefined, weight: number, bit: number, phrase: boolean): void {
    if (postings === undefined) return;
    const { k, b, d } = this.options.bm25;
    const score = phrase ? this.phraseScore : this.score;
    const mask = phrase ? this.phraseMask : this.mask;
    const touched = phrase ? this.phraseTouched : this.touched;
    for (const field of this.fields) {
      const freqs = postings.get(field.id);
      if (freqs === undefined) continue;
      const df = freqs.size;
      const idf = Math.log(1 + (this.n - df + 0.5) / (df + 0.5));
      const w = weight * field.boost * idf;
      const norm = k / field.avg;
      for (const [doc, tf] of freqs) {
        const s = w * (d + (tf * (k + 1)) / (tf + k * (1 - b) + norm * b * (field.length[doc] as number)));
        if (mask[doc] === 0 && score[doc] === 0) {
          if (phrase) touched[this.phraseCount++] = doc;
          else touched[this.count++] = doc;
        }
        score[doc] = (score[doc] as number) + s;
        mask[doc] = (mask[doc] as number) | bit;
      }
    }
  }
}

function hasDoc(postings: Postings | undefined, doc: number): boolean {
  if (postings === undefined) return false;
  for (const freqs of postings.values()) if (freqs.has(doc)) return true;
  return false;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
