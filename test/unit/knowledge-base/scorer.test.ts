import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch, { type Query } from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../../server/domain/knowledge-base/parse-article.ts';
import { Scorer, type ScoringQuery } from '../../../server/domain/knowledge-base/scorer.ts';
import { stem } from '../../../server/domain/knowledge-base/stemmer.ts';
import { tokenize } from '../../../server/domain/knowledge-base/text.ts';

const ZULIP = join(import.meta.dirname, '../../fixtures/zulip-help');
const boost = { title: 3, headings: 1.5, text: 1 };
const bm25 = { k: 1.2, b: 0.7, d: 0.5 };
// Query words are already stems: MiniSearch must take them as they are.
const asIs = { tokenize: (q: string) => q.split(' '), processTerm: (t: string) => t };

/** MiniSearch's own answer to the same query, for comparison. */
function miniSearchQuery(q: ScoringQuery): Query {
  return {
    combineWith: 'OR',
    queries: [
      ...q.terms.map((t) => ({ queries: [t.term], prefix: t.prefix, fuzzy: false })),
      ...q.phrases.map((p) => ({
        queries: [p.words.join(' ')],
        combineWith: 'AND',
        prefix: false,
        fuzzy: false,
        boostTerm: () => p.boost,
      })),
    ],
  };
}

// The search index scores queries over MiniSearch's inverted index without MiniSearch's
// per-document allocations; the ranking must be MiniSearch's own, on a real help centre.
describe('the query scorer', () => {
  let mini: MiniSearch;
  let scorer: Scorer;
  let vocabulary: string[];

  beforeAll(() => {
    mini = new MiniSearch({
      fields: ['title', 'headings', 'text'],
      processTerm: (term) => stem(term),
      tokenize: (text) => tokenize(text),
    });
    const files = readdirSync(ZULIP).filter((f) => f.endsWith('.md') && f !== 'README.md');
    files.forEach((f, id) => {
      const { article } = parseArticle({ relPath: f, text: readFileSync(join(ZULIP, f), 'utf8') });
      if (!article) return;
      mini.add({
        id,
        title: article.title,
        headings: article.sections.map((s) => s.heading ?? '').join('\n'),
        text: article.sections.map((s) => s.text).join('\n'),
      });
    });
    scorer = new Scorer(mini, { boost, prefixWeight: 0.4, bm25 });
    vocabulary = [...new Set(tokenize(readFileSync(join(ZULIP, 'keyboard-shortcuts.md'), 'utf8')))].map(stem);
  });

  const queries: Array<[string, ScoringQuery]> = [
    ['one word', { terms: [{ term: 'stream', prefix: false }], phrases: [] }],
    ['a word being typed', { terms: [{ term: 'notif', prefix: true }], phrases: [] }],
    [
      'several words and a phrase',
      {
        terms: [
          { term: 'mute', prefix: false },
          { term: 'topic', prefix: true },
        ],
        phrases: [{ words: ['silenc'], boost: 0.85 }],
      },
    ],
    [
      'a two-word phrase that must match whole',
      {
        terms: [{ term: 'password', prefix: false }],
        phrases: [{ words: ['log', 'in'], boost: 0.85 }],
      },
    ],
  ];

  it.each(queries)('ranks %s exactly as MiniSearch does', (_, query) => {
    const expected = mini.search(miniSearchQuery(query), {
      ...asIs,
      boost,
      bm25,
      weights: { fuzzy: 0.5, prefix: 0.4 },
    });
    const { top, candidates } = scorer.search(query, 0, new Set());
    expect(candidates.length).toBe(expected.length);
    expect(top).toBeCloseTo(expected[0]?.score ?? 0, 9);
    candidates.forEach((c, i) => {
      const e = expected[i];
      expect(c.score).toBeCloseTo(e?.score ?? -1, 9);
      expect(new Set(c.queryTerms)).toEqual(new Set(e?.queryTerms));
    });
  });

  it('agrees with MiniSearch on a hundred queries of words from a real article', () => {
    for (let i = 0; i < 100; i++) {
      const words = [0, 1, 2].map((k) => vocabulary[(i * 7 + k * 13) % vocabulary.length] as string);
      const query: ScoringQuery = {
        terms: words.map((term, k) => ({ term, prefix: k === 2 && term.length >= 3 })),
        phrases: [],
      };
      const expected = mini.search(miniSearchQuery(query), {
        ...asIs,
        boost,
        bm25,
        weights: { fuzzy: 0.5, prefix: 0.4 },
      });
      const got = scorer.search(query, 0, new Set()).candidates;
      expect(got.map((c) => c.score.toFixed(6))).toEqual(expected.map((e) => e.score.toFixed(6)));
    }
  });

  it('returns only documents above the floor, and those it is asked to keep', () => {
    const query: ScoringQuery = { terms: [{ term: 'emoji', prefix: false }], phrases: [] };
    const all = scorer.search(query, 0, new Set()).candidates;
    const floor = all[2]?.score ?? 0;
    const last = all.at(-1)?.id ?? -1;
    const some = scorer.search(query, floor, new Set([last])).candidates;
    expect(some.map((c) => c.id)).toEqual([...all.slice(0, 3).map((c) => c.id), last]);
  });

  it('forgets the previous query', () => {
    scorer.search({ terms: [{ term: 'stream', prefix: true }], phrases: [] }, 0, new Set());
    const { candidates } = scorer.search(
      { terms: [{ term: 'zzzz', prefix: false }], phrases: [] },
      0,
      new Set(),
    );
    expect(candidates).toEqual([]);
  });

  it('lists the words of a document that matched a query term', () => {
    const doc = scorer.search({ terms: [{ term: 'notif', prefix: true }], phrases: [] }, 0, new Set())
      .candidates[0];
    expect(scorer.matchedWords(doc?.id ?? -1, 'notif', true).length).toBeGreaterThan(0);
    expect(scorer.matchedWords(doc?.id ?? -1, 'notif', false)).toEqual([]);
  });
});
