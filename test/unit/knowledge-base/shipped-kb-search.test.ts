import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase } from '../../../server/domain/knowledge-base/types.ts';
import { silentLogger } from '../../../server/lib/logger.ts';

// The store knowledge base shipped in knowledge-base/ (24 articles): small enough that words such
// as "order" and "track" are in over 40% of its articles, which must not empty a query made of them.
let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase({
    dir: join(import.meta.dirname, '../../../knowledge-base'),
    logger: silentLogger(),
  });
});
afterAll(() => kb.close());

const slugs = (q: string) => kb.search(q, 5).map((h) => h.slug);

describe('searching the shipped store knowledge base', () => {
  it('answers a query made only of words most articles use', () => {
    expect(slugs('track my order')[0]).toBe('orders/track-your-order');
    expect(slugs('track order')[0]).toBe('orders/track-your-order');
  });

  it("ranks an article up when the visitor's words are one of its keyword phrases", () => {
    expect(slugs('where is my parcel').slice(0, 3)).toContain('orders/track-your-order');
  });

  it('finds the password reset from the way visitors put it', () => {
    expect(slugs('forgot password')[0]).toBe('account/reset-your-password');
  });

  it("marks the visitor's words in the snippet, common ones too", () => {
    const [hit] = kb.search('return policy', 1);
    const marked = (hit?.highlights ?? []).map(([start, end]) =>
      hit?.snippet.slice(start, end).toLowerCase(),
    );
    expect(marked).toContain('return');
  });

  it('answers nothing for a question the store does not cover (a related match may still be offered)', () => {
    expect(kb.search('gift wrapping for a wedding', 5).filter((h) => !h.related)).toEqual([]);
  });

  it('returns honest body-only matches: four articles talk about parcels', () => {
    for (const q of ['parcel', 'parcels', 'my parcel is lost']) expect(slugs(q).length).toBeGreaterThan(0);
    expect(slugs('my parcel is lost').slice(0, 3)).toContain('orders/missing-or-damaged-items');
  });

  it('lists related matches after the answers, flagged', () => {
    const hits = kb.search('gift wrapping for a wedding', 5);
    const firstRelated = hits.findIndex((h) => h.related);
    if (firstRelated >= 0) expect(hits.slice(firstRelated).every((h) => h.related)).toBe(true);
  });
});
