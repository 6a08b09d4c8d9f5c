import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import type { ParsedArticle } from './parse-article.ts';
import { makeSnippet } from './snippet.ts';
import { Vocabulary } from './spelling.ts';
import { stem } from './stemmer.ts';
import { type Concept, type SynonymTable, analyzeQuery } from './synonyms.ts';
import { isStopWord, tokenize } from './text.ts';
import type { SearchHit } from './types.ts';

/**
 * General ranking parameters (not tuned per corpus or per query):
 * - field boosts: a word in the title says more than one in the body;
 * - synonym phrasings count a little less than the visitor's own words;
 * - the relevance floor has two parts. Coverage: the share of the query's meaning an article
 *   matches, each concept weighing its inverse document frequency (rare words carry the intent;
 *   a word the knowledge base has never seen weighs the most). Strength: the best section's
 *   BM25 score divided by the query's total concept weight, i.e. how strongly the average
 *   concept matched; about 1.5 is one passing mention in body text, a title match is about 4-5.
 */
export const RANKING = {
  boost: { title: 3, heading: 2, keywords: 2, text: 1 } as Record<string, number>,
  synonymBoost: 0.85,
  correctionBoost: 0.8,
  weights: { fuzzy: 0.5, prefix: 0.4 },
  minCoverage: 0.25,
  minStrength: 3,
  coveragePower: 0,
  /** Share of an article's other matching sections added to its best section's score. */
  otherSections: 0.3,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
};

interface IndexedSection {
  article: ParsedArticle;
  sectionIndex: number;
}

const SPACE = /\s+/;

export class SearchIndex {
  private readonly mini: MiniSearch;
  private readonly docs: IndexedSection[] = [];
  /** Article-level document frequency of each stem, for concept weights and typo detection. */
  private readonly df = new Map<string, number>();
  private readonly articleCount: number;
  private readonly vocabulary: Vocabulary;

  constructor(
    articles: ParsedArticle[],
    private readonly synonyms: SynonymTable,
  ) {
    this.mini = new MiniSearch({
      fields: ['title', 'heading', 'keywords', 'text'],
      tokenize: (text) => tokenize(text),
      processTerm: (term) => (isStopWord(term) ? null : stem(term)),
    });
    const docs: Array<Record<string, string | number>> = [];
    for (const article of articles) {
      const keywords = [...article.tags, ...article.keywords, article.description].join(' ');
      const sections = article.sections.length > 0 ? article.sections : [{ id: '', heading: null, level: 0, text: '', line: 1 }];
      const stems = new Set<string>();
      sections.forEach((section, sectionIndex) => {
        const id = this.docs.length;
        this.docs.push({ article, sectionIndex });
        const doc = { id, title: article.title, heading: section.heading ?? '', keywords, text: section.text };
        docs.push(doc);
        for (const field of [doc.heading, doc.text]) addStems(field, stems);
      });
      addStems(article.title, stems);
      addStems(keywords, stems);
      for (const s of stems) this.df.set(s, (this.df.get(s) ?? 0) + 1);
    }
    this.articleCount = articles.length;
    this.vocabulary = new Vocabulary(this.df.keys());
    this.mini.addAll(docs);
  }

  search(query: string, limit: number): SearchHit[] {
    const concepts = this.correctTypos(analyzeQuery(query, this.synonyms));
    if (concepts.length === 0 || this.docs.length === 0) return [];
    const raw = this.mini.search(this.buildQuery(concepts), {
      boost: RANKING.boost,
      weights: RANKING.weights,
      bm25: RANKING.bm25,
      tokenize: (q) => q.split(SPACE),
      processTerm: (t) => t,
    });
    const byArticle = new Map<string, { best: SearchResult; bestDoc: IndexedSection; terms: Set<string>; rest: number }>();
    for (const result of raw) {
      const doc = this.docs[result.id as number] as IndexedSection;
      const entry = byArticle.get(doc.article.slug);
      if (!entry) byArticle.set(doc.article.slug, { best: result, bestDoc: doc, terms: new Set(result.queryTerms), rest: 0 });
      else {
        entry.rest += result.score;
        for (const t of result.queryTerms) entry.terms.add(t);
      }
    }
    const weights = concepts.map((c) => this.conceptWeight(c));
    const total = weights.reduce((a, b) => a + b, 0);
    const ranked: Array<{ score: number; entry: { best: SearchResult; bestDoc: IndexedSection } }> = [];
    for (const entry of byArticle.values()) {
      let covered = 0;
      concepts.forEach((c, i) => {
        covered += (weights[i] as number) * conceptMatch(c, entry.terms);
      });
      const coverage = total > 0 ? covered / total : 0;
      const strength = total > 0 ? entry.best.score / total : 0;
      if (coverage < RANKING.minCoverage || strength < RANKING.minStrength) continue;
      ranked.push({ score: (entry.best.score + RANKING.otherSections * entry.rest) * coverage ** RANKING.coveragePower, entry });
    }
    ranked.sort((a, b) => b.score - a.score);
    return ranked.slice(0, limit).map(({ score, entry }) => toHit(entry.bestDoc, entry.best, score));
  }

  /** Unknown words (not in any article) become alternatives: their closest known spellings. */
  private correctTypos(concepts: Concept[]): Concept[] {
    return concepts.map((c) => {
      if (c.terms.length !== 1 || c.alternatives.length > 0) return c;
      const term = c.terms[0] as string;
      const max = maxEdits(term);
      if (this.df.has(term) || max === 0) return c;
      return { terms: c.terms, alternatives: this.vocabulary.corrections(term, max).map((t) => [t]), corrected: true };
    });
  }

  private buildQuery(concepts: Concept[]): Query {
    const queries: Query[] = [];
    const all = concepts.flatMap((c) => c.terms);
    const last = all[all.length - 1];
    for (const term of new Set(all)) {
      const known = this.df.has(term);
      queries.push({
        queries: [term],
        fuzzy: false,
        // The last word may still be being typed.
        prefix: term.length >= 3 && (term === last || !known),
      });
    }
    for (const c of concepts) {
      for (const alt of c.alternatives) {
        queries.push({ queries: [alt.join(' ')], combineWith: 'AND', fuzzy: false, prefix: false, boostTerm: () => (c.corrected ? RANKING.correctionBoost : RANKING.synonymBoost) });
      }
    }
    return { queries, combineWith: 'OR' };
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
    return Math.log(1 + (this.articleCount - df + 0.5) / (df + 0.5));
  }
}

/** Fraction (0-1) of a concept the matched query terms cover. */
function conceptMatch(c: Concept, matched: Set<string>): number {
  if (c.alternatives.some((alt) => alt.every((t) => matched.has(t)))) return 1;
  const hit = c.terms.filter((t) => matched.has(t)).length;
  return c.terms.length > 0 ? hit / c.terms.length : 0;
}

/** Edits allowed when correcting a word: none for short words or codes, two for long words. */
function maxEdits(term: string): number {
  if (term.length < 4 || /\d/.test(term)) return 0;
  return term.length < 7 ? 1 : 2;
}

function addStems(text: string, into: Set<string>): void {
  for (const w of tokenize(text)) if (!isStopWord(w)) into.add(stem(w));
}

function toHit(doc: IndexedSection, result: SearchResult, score: number): SearchHit {
  const { article } = doc;
  const section = article.sections[doc.sectionIndex];
  const source = section?.text || article.description || article.title;
  const snippet = makeSnippet(source, new Set(result.terms));
  const id = section?.id ?? '';
  return {
    slug: article.slug,
    title: article.title,
    heading: section?.heading ?? null,
    snippet: snippet.text,
    highlights: snippet.highlights,
    url: `/kb/${article.slug}${id ? `#${id}` : ''}`,
    score: Math.round(score * 1000) / 1000,
    category: article.category,
  };
}
