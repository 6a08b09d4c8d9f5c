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
    figures = evaluateSearch(queries, (q) => kb.search(q, 5).map((h) => h.slug));
  });
  afterAll(() => kb.close());

  // The target is 0.85 and is NOT met yet (measured 0.67: the misses are vocabulary gaps that lexical
  // search cannot bridge; see the README's Performance section). This guards the measured level so a
  // change can only move it up; raise it as the engine improves, towards 0.85.
  it('puts a relevant article in the top 3 for at least two thirds of answerable queries (target 0.85)', () => {
    expect(figures.recallAt3).toBeGreaterThanOrEqual(0.66);
  });

  it('answers nothing for at least 75% of questions the knowledge base cannot answer', () => {
    expect(figures.emptyRate).toBeGreaterThanOrEqual(0.75);
  });
});
