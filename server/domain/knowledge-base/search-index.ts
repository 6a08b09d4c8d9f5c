import type MiniSearch from 'minisearch';
import { type Analyser, ENGLISH } from './analysers/index.ts';
import { bestSection, type SectionStems, type TermMatcher } from './best-section.ts';
import { IndexBuilder } from './index-builder.ts';
import { expandWithLexicon, searchEngine } from './lexicon/expand.ts';
import type { ParsedArticle } from './parse-article.ts';
import { queryKey } from './query-key.ts';
import { conceptMatch, directMatch, maxEdits, stopVocabulary, termMatcher } from './query-terms.ts';
import { type Candidate, MAX_QUERY_TERMS, Scorer, type ScoringQuery } from './scorer.ts';
import { makeSnippet } from './snippet.ts';
import { Vocabulary } from './spelling.ts';
import { analyzeQuery, type Concept, type SynonymTable } from './synonyms.ts';
import { tokenize } from './text.ts';
import type { SearchHit } from './types.ts';

/**
 * General ranking parameters (not tuned per corpus or per query):
 * - field boosts: a word in the title says more than one in the body;
 * - synonym phrasings and spelling corrections count a little less than the visitor's own words;
 * - the relevance floor has two parts. Coverage: the share of the query's meaning an article
 *   matches (at least a third), each concept weighing its inverse document frequency (rare words carry the intent;
 *   a word the knowledge base has never seen weighs the most). Strength: the article's BM25
 *   score divided by the query's total concept weight, i.e. how strongly the average concept
 *   matched; a passing mention in the body scores about 1.5, a title match 4 or more.
 */
export const RANKING = {
  boost: { title: 3, headings: 1.5, keywords: 2, text: 1 } as Record<string, number>,
  synonymBoost: 0.85,
  correctionBoost: 0.8,
  /** A word still being typed matches longer words by prefix, at this weight (typos are corrected, not fuzzy-matched). */
  weights: { prefix: 0.4 },
  minCoverage: 1 / 3,
  minStrength: 3,
  /**
   * Share of articles above which a word is treated as a stop word, when the query has other,
   * more specific words (a query of only common words is ranked on them, by their low IDF).
   */
  ubiquitousShare: 0.4,
  /** A known word used by at most this many articles may still be a typo of a common one. */
  rareWordDf: 2,
  /** Most concepts a query keeps (its most specific ones). */
  maxConcepts: 5,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  /** A score is multiplied by the number of the query's concepts matched (not of words: synonyms do not add up). */
  countConcepts: true,
  /**
   * When a query has answers, a related match scoring more than this many times the best answer is one too:
   * the answer tier needs most of the query's words, which long overview articles mention in passing.
   */
  promoteRelated: 2,
  /** Read a misspelt query word as the synonym-list or stop word it is one slip from (see `respell`). */
  respell: true,
  /**
   * An article whose title or one of whose author-written keywords (phrases of two words or more)
   * appears word for word in the query, stop words included ("where is my parcel"), gains the top
   * score times the share of the query's words that phrase spans: authors list keywords as the
   * ways visitors ask, and an exact phrase is stronger evidence than scattered words.
   */
  phraseBonus: 1,
  /**
   * A synonym stands in for the visitor's word at this weight (score and coverage) when the
   * knowledge base uses the visitor's own word too: its authors chose that word, so an article
   * that only has the synonym is less likely to be what the visitor means.
   */
  knownWordSynonym: 0.5,
  /**
   * Two tiers. An answer covers at least this share of the query's meaning (synonyms and related
   * words counting at their confidence) at full strength; a weaker but honest match (a passing
   * mention in a body, a loose relation) is still returned, flagged `related`, after the answers.
   */
  answerCoverage: 0.5,
  relatedStrength: 1,
};

/**
 * BM25 search over articles (title, headings, keywords/tags/description, body), with query
 * analysis (stop words, stemming, synonyms, typo correction) and a relevance floor. Articles,
 * not sections, are the indexed unit: five to ten times fewer postings to score per query.
 * MiniSearch holds the index; queries are scored by `Scorer` (same BM25, no per-posting objects).
 * The best section is picked afterwards, for the returned articles only.
 */

/** Longest stretch `SearchIndex.build` indexes before letting other work run. */
const BUILD_SLICE_MS = 25;

export class SearchIndex {
  private readonly mini: MiniSearch;
  private readonly scorer: Scorer;
  private readonly articles: ParsedArticle[];
  /** Article-level document frequency of each stem, for concept weights and typo detection. */
  private readonly df: Map<string, number>;
  private readonly vocabulary: Vocabulary;
  private readonly sectionStems: SectionStems[][];
  /** Title and keyword phrases (stems of all their words, stop words too) -> articles. */
  private readonly phrases: Map<string, number[]>;
  private readonly longestPhrase: number;
  private readonly questions: Map<string, number[]>;
  private synonymVocabulary: Vocabulary | undefined;
  /** The language's stop words and stemmer, for the articles and for every query (see analysers/). */
  private readonly analyser: Analyser;

  /**
   * Indexes `articles` at once. The server uses `SearchIndex.build`, which does the same in
   * slices: indexing 5,000 articles takes over a second, and chats must not wait for it.
   * The analyser is the one `built` was made with (English when built here).
   */
  constructor(
    articles: ParsedArticle[],
    private readonly synonyms: SynonymTable,
    built?: IndexBuilder,
  ) {
    this.articles = articles;
    let parts = built;
    if (parts === undefined) {
      parts = new IndexBuilder(synonyms.analyser);
      for (let id = 0; id < articles.length; id++) parts.add(articles[id] as ParsedArticle, id);
    }
    this.analyser = parts.analyser;
    this.mini = parts.mini;
    this.df = parts.df;
    this.sectionStems = parts.sectionStems;
    this.phrases = parts.phrases;
    this.longestPhrase = parts.longestPhrase;
    this.questions = parts.questions;
    this.vocabulary = new Vocabulary(this.df.keys());
    this.scorer = new Scorer(this.mini, {
      boost: RANKING.boost,
      prefixWeight: RANKING.weights.prefix,
      bm25: RANKING.bm25,
    });
  }

  /**
   * Indexes `articles` in slices of at most BUILD_SLICE_MS, yielding to the event loop between them,
   * analysed by the synonym table's analyser (its language's stop words and stemmer).
   */
  static async build(articles: ParsedArticle[], synonyms: SynonymTable): Promise<SearchIndex> {
    return new SearchIndex(articles, synonyms, await SearchIndex.index(articles, synonyms.analyser));
  }

  /** The index parts of `articles`, built in slices of at most BUILD_SLICE_MS. */
  static async index(articles: ParsedArticle[], analyser: Analyser = ENGLISH): Promise<IndexBuilder> {
    const parts = new IndexBuilder(analyser);
    let sliceStart = performance.now();
    for (let id = 0; id < articles.length; id++) {
      parts.add(articles[id] as ParsedArticle, id);
      if (performance.now() - sliceStart > BUILD_SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    return parts;
  }

  /** Per article, the largest share of the query's words spanned by one of its title or keyword phrases. */
  private phraseShares(query: string): Map<number, number> {
    const out = new Map<number, number>();
    const stems = tokenize(query, this.analyser.elision).map((w) => this.analyser.stem(w));
    for (let n = Math.min(stems.length, this.longestPhrase); n >= 2; n--) {
      for (let i = 0; i + n <= stems.length; i++) {
        for (const id of this.phrases.get(stems.slice(i, i + n).join(' ')) ?? [])
          if (!out.has(id)) out.set(id, n / stems.length);
      }
    }
    // An editor said this article answers this question: a full phrase match, for close variants too.
    for (const id of this.questions.get(queryKey(query, this.analyser)) ?? []) out.set(id, 1);
    return out;
  }

  search(input: string, limit: number): SearchHit[] {
    // WordNet relations are English: a language's own index has none.
    const lexicon = searchEngine.lexicon && this.analyser === ENGLISH ? searchEngine.wordnet() : null;
    const df = (t: string) => this.df.get(t) ?? 0;
    const text = this.respell(input);
    const analysed = this.correctTypos(
      lexicon
        ? expandWithLexicon(analyzeQuery(text, this.synonyms), lexicon, df, this.articles.length)
        : analyzeQuery(text, this.synonyms),
    );
    for (const c of analysed) {
      if (c.corrected || c.weights || c.alternatives.length === 0) continue;
      if (c.terms.every((t) => df(t) > 0)) c.weights = c.alternatives.map(() => RANKING.knownWordSynonym);
    }
    const specific = analysed.filter((c) => !this.isUbiquitous(c));
    const concepts = this.mostSpecific(specific.length > 0 ? specific : analysed);
    if (concepts.length === 0 || this.articles.length === 0) return [];
    const partial = concepts.map((c, i) => i === concepts.length - 1 && this.isPartialWord(c));
    const weights = concepts.map((c) => this.conceptWeight(c));
    // A word no article uses keeps its full (unknown-word) weight for coverage even when related
    // words stand in for it: a loose relation covers only its share of the visitor's meaning.
    const coverageWeights = concepts.map((c, i) =>
      c.weights && !c.terms.every((t) => df(t) > 0) ? this.idf(0) : (weights[i] as number),
    );
    const total = coverageWeights.reduce((a, b) => a + b, 0);
    // What a full-strength match of every concept would score; a word still being typed
    // (an unknown last word, matched by prefix) can only match at prefix weight.
    const expected = weights.reduce((sum, w, i) => sum + w * (partial[i] ? RANKING.weights.prefix : 1), 0);
    const floor = RANKING.minStrength * expected;
    const relatedFloor = RANKING.relatedStrength * expected;
    const query = this.buildQuery(concepts, partial);
    const shares = this.phraseShares(text);
    const { top, candidates } = this.scorer.search(query, relatedFloor, new Set(shares.keys()));
    let ranked = candidates;
    if (shares.size > 0 && candidates.length > 0) {
      ranked = candidates
        .map((r) => ({ ...r, score: r.score + RANKING.phraseBonus * top * (shares.get(r.id) ?? 0) }))
        .sort((a, b) => b.score - a.score);
    }
    const answers: Candidate[] = [];
    const related: Candidate[] = [];
    const answered = this.questions.get(queryKey(text, this.analyser)) ?? [];
    for (const id of answered)
      if (!ranked.some((r) => r.id === id)) ranked.unshift({ id, score: Math.max(top, 1), queryTerms: [] });
    for (const result of ranked) {
      if (answered.includes(result.id)) {
        answers.push(result);
        continue;
      }
      if (result.score < relatedFloor) break; // sorted by score: the rest are weaker
      const matched = new Set(result.queryTerms);
      let covered = 0;
      concepts.forEach((c, i) => {
        covered += (coverageWeights[i] as number) * conceptMatch(c, matched);
      });
      const coverage = covered / total;
      if (coverage < RANKING.minCoverage) continue;
      // An answer has some of the visitor's own words (or listed synonyms); dictionary relations alone make it related.
      const direct = concepts.some((c) => directMatch(c, matched));
      if (result.score >= floor && coverage >= RANKING.answerCoverage && direct) answers.push(result);
      else if (related.length < limit) related.push(result);
      if (answers.length >= limit) break;
    }
    if (answers.length > 0) {
      // The query is answered: a match of narrower coverage that scores far above the best answer (its words
      // in the title, say, where the answers only mention every word somewhere) is ranked among the answers.
      const promoteAbove = RANKING.promoteRelated * (answers[0] as Candidate).score;
      const promoted = related.filter((r) => r.score > promoteAbove);
      if (promoted.length > 0) {
        answers.push(...promoted);
        answers.sort((a, b) => b.score - a.score);
        related.splice(0, related.length, ...related.filter((r) => r.score <= promoteAbove));
      }
    }
    const kept = [...answers, ...related.slice(0, limit - answers.length)];
    if (kept.length === 0) return [];
    const matcher = termMatcher(concepts, weights, partial);
    // Highlight every word of the visitor's that the snippet shows, common ones too ("return" in
    // "return policy" ranks nothing in a shop's help centre, but the visitor looks for it).
    const asked = analysed.flatMap((c) => c.terms);
    return kept.map((result, i) => ({
      ...this.toHit(result, query, asked, matcher),
      related: i >= answers.length,
    }));
  }

  /**
   * A query word that is neither in the articles nor close to a word of theirs, but is a slip of a synonym
   * list's word ("workpsace", "htokeys") or of a stop word ("myeslf"), is read as that word: the synonyms then
   * apply, and a misspelt stop word no longer counts as a word no article has. Only when one word is closest.
   */
  private respell(query: string): string {
    if (!RANKING.respell) return query;
    let out = query;
    for (const word of new Set(tokenize(query, this.analyser.elision))) {
      const max = maxEdits(word);
      if (max === 0 || this.analyser.isStopWord(word) || this.synonyms.words.has(word)) continue;
      const s = this.analyser.stem(word);
      if ((this.df.get(s) ?? 0) > 0 || this.synonyms.byFirstStem.has(s)) continue;
      if (this.vocabulary.corrections(s, maxEdits(s)).length > 0) continue; // the articles' own words come first
      const stop = stopVocabulary(this.analyser).corrections(word, 1);
      this.synonymVocabulary ??= new Vocabulary(this.synonyms.words);
      const found = stop.length > 0 ? stop : this.synonymVocabulary.corrections(word, max);
      if (found.length === 1) out = out.replace(new RegExp(`\\b${word}\\b`, 'giu'), found[0] as string);
    }
    return out;
  }

  /** Unknown words (not in any article) get their closest known spellings as alternatives. */
  private correctTypos(concepts: Concept[]): Concept[] {
    return concepts.map((c) => {
      if (c.terms.length !== 1 || c.alternatives.length > 0) return c;
      const term = c.terms[0] as string;
      const max = maxEdits(term);
      const df = this.df.get(term) ?? 0;
      if (max === 0 || df > RANKING.rareWordDf) return c;
      // A word the knowledge base never uses is a typo; one it uses once or twice may be one too
      // (a name, or a typo in an article), when a far more common word is one edit away.
      const candidates =
        df === 0 ? this.vocabulary.corrections(term, max) : this.vocabulary.neighbours(term, 1);
      const alternatives = candidates
        .filter((t) => df === 0 || (this.df.get(t) ?? 0) >= 3 * df)
        .map((t) => [t]);
      return alternatives.length > 0 ? { terms: c.terms, alternatives, corrected: true } : c;
    });
  }

  /**
   * A word found in most articles (say "click" in a software help centre) tells them apart no better
   * than a stop word, and its long posting list is the main cost of a query: treat it as one.
   */
  private isUbiquitous(c: Concept): boolean {
    if (this.articles.length < 20) return false;
    const limit = this.articles.length * RANKING.ubiquitousShare;
    return [c.terms, ...c.alternatives].every((phrase) => phrase.some((t) => (this.df.get(t) ?? 0) > limit));
  }

  /** Long queries keep only their most specific concepts (query order kept): the rest add cost, not precision. */
  private mostSpecific(concepts: Concept[]): Concept[] {
    if (concepts.length <= RANKING.maxConcepts) return concepts;
    const ranked = concepts
      .map((c, i) => ({ i, w: this.conceptWeight(c) }))
      .sort((a, b) => b.w - a.w || a.i - b.i);
    const keep = new Set(ranked.slice(0, RANKING.maxConcepts).map((r) => r.i));
    return concepts.filter((_, i) => keep.has(i));
  }

  private isPartialWord(c: Concept): boolean {
    const term = c.terms[0] as string;
    return c.terms.length === 1 && term.length >= 3 && !this.df.has(term);
  }

  /**
   * The visitor's words (the last one may still be being typed: only it is matched as a prefix)
   * and each concept's other phrasings, all of whose words must match, weighed a little less.
   * A query keeps at most MAX_QUERY_TERMS distinct words: the last alternatives go first.
   */
  private buildQuery(concepts: Concept[], partial: boolean[]): ScoringQuery {
    const unitOf = new Map<string, number>();
    concepts.forEach((c, i) => {
      for (const t of [...c.terms, ...c.alternatives.flat()]) if (!unitOf.has(t)) unitOf.set(t, i);
    });
    const scoring: ScoringQuery = { terms: [], phrases: [], ...(RANKING.countConcepts ? { unitOf } : {}) };
    const distinct = new Set<string>();
    const lastTerm = concepts[concepts.length - 1]?.terms.at(-1);
    concepts.forEach((c, i) => {
      for (const term of c.terms) {
        const prefix =
          term.length >= 3 && term === lastTerm && (partial[i] || (term.length >= 4 && term.length < 7));
        scoring.terms.push({ term, prefix });
        distinct.add(term);
      }
    });
    for (const c of concepts) {
      const boost = c.corrected ? RANKING.correctionBoost : RANKING.synonymBoost;
      c.alternatives.forEach((words, j) => {
        const added = words.filter((w) => !distinct.has(w));
        if (distinct.size + new Set(added).size > MAX_QUERY_TERMS) return;
        for (const w of added) distinct.add(w);
        scoring.phrases.push({ words, boost: boost * (c.weights?.[j] ?? 1) });
      });
    }
    return scoring;
  }

  /** IDF of the concept's most common phrasing that the knowledge base knows; unknown weighs the most. */
  private conceptWeight(c: Concept): number {
    let best = Number.POSITIVE_INFINITY;
    for (const phrase of [c.terms, ...c.alternatives]) {
      const df = Math.min(...phrase.map((t) => this.df.get(t) ?? 0));
      if (df > 0) best = Math.min(best, this.idf(df));
    }
    return Number.isFinite(best) ? best : this.idf(0);
  }

  private idf(df: number): number {
    return Math.log(1 + (this.articles.length - df + 0.5) / (df + 0.5));
  }

  private toHit(result: Candidate, query: ScoringQuery, asked: string[], matcher: TermMatcher): SearchHit {
    const article = this.articles[result.id] as ParsedArticle;
    const index = bestSection(this.sectionStems[result.id] ?? [], matcher);
    const section = article.sections[index];
    const source = section?.text || article.description || article.title;
    const words = new Set<string>(asked);
    for (const { term, prefix } of query.terms)
      for (const w of this.scorer.matchedWords(result.id, term, prefix)) words.add(w);
    for (const { words: phrase } of query.phrases) {
      const found = phrase.map((w) => this.scorer.matchedWords(result.id, w, false));
      if (found.every((m) => m.length > 0)) for (const m of found.flat()) words.add(m);
    }
    const snippet = makeSnippet(source, words, undefined, this.analyser);
    const id = section?.id ?? '';
    return {
      slug: article.slug,
      title: article.title,
      heading: section?.heading ?? null,
      snippet: snippet.text,
      highlights: snippet.highlights,
      url: `/kb/${article.slug}${id ? `#${id}` : ''}`,
      score: Math.round(result.score * 1000) / 1000,
      category: article.category,
    };
  }
}
