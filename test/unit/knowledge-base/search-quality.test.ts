import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluateSearch,
  type LabelledQuery,
  type QualityFigures,
} from '../../../server/domain/knowledge-base/evaluate-search.ts';
import { loadKnowledgeBase } from '../../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase } from '../../../server/domain/knowledge-base/types.ts';
import { silentLogger } from '../../../server/lib/logger.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures');

// Quality, not speed: a third-party help centre (Zulip, Apache-2.0) with labelled public queries.
// It runs with the shipped English synonyms only, never with synonyms written for this corpus.
describe('search quality on the Zulip help-centre corpus', () => {
  let kb: KnowledgeBase;
  let figures: QualityFigures;
  beforeAll(async () => {
    kb = await loadKnowledgeBase({ dir: join(FIXTURES, 'zulip-help'), logger: silentLogger() });
    const { queries } = JSON.parse(readFileSync(join(FIXTURES, 'zulip-queries.json'), 'utf8')) as {
      queries: LabelledQuery[];
    };
    figures = evaluateSearch(queries, (q) => {
      const hits = kb.search(q, 5);
      return { slugs: hits.map((h) => h.slug), answered: hits.some((h) => !h.related) };
    });
  });
  afterAll(() => kb.close());

  // Floor 0.80 (measured 0.86 with the help-desk vocabulary and WordNet; 0.67 before them).
  it('puts a relevant article in the top 3 for at least 80% of answerable queries', () => {
    expect(figures.recallAt3).toBeGreaterThanOrEqual(0.8);
  });

  // "No answer" means no hit is an answer; weaker related matches may follow below a line.
  it('gives no answer for at least 75% of questions the knowledge base cannot answer', () => {
    expect(figures.emptyRate).toBeGreaterThanOrEqual(0.75);
  });
});

// Our own visitor-style set over the shipped store knowledge base, written before the semantic
// work was tuned (test/fixtures/starter-queries.json). Measured: recall@3 0.91, no answer 0.86.
describe('search quality on the shipped store knowledge base', () => {
  let kb: KnowledgeBase;
  let figures: QualityFigures;
  beforeAll(async () => {
    kb = await loadKnowledgeBase({ dir: join(FIXTURES, '../../knowledge-base'), logger: silentLogger() });
    const { queries } = JSON.parse(readFileSync(join(FIXTURES, 'starter-queries.json'), 'utf8')) as {
      queries: LabelledQuery[];
    };
    figures = evaluateSearch(queries, (q) => {
      const hits = kb.search(q, 5);
      return { slugs: hits.map((h) => h.slug), answered: hits.some((h) => !h.related) };
    });
  });
  afterAll(() => kb.close());

  it('puts a relevant article in the top 3 for at least 85% of answerable queries', () => {
    expect(figures.recallAt3).toBeGreaterThanOrEqual(0.85);
  });

  it('gives no answer for at least 75% of questions the store does not cover', () => {
    expect(figures.emptyRate).toBeGreaterThanOrEqual(0.75);
  });
});
