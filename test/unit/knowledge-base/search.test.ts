import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase } from '../../../server/domain/knowledge-base/types.ts';
import { silentLogger } from '../../../server/lib/logger.ts';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase({
    dir: join(import.meta.dirname, '../../fixtures/kb-basic'),
    logger: silentLogger(),
  });
});
afterAll(() => kb.close());

const slugs = (q: string) => kb.search(q, 5).map((h) => h.slug);

describe('searching the knowledge base', () => {
  it('finds an article by the words of its title', () => {
    expect(slugs('reset password')[0]).toBe('account/reset-your-password');
  });

  it('tolerates typos, including swapped letters', () => {
    expect(slugs('pasword')[0]).toBe('account/reset-your-password');
    expect(slugs('cnacel order')[0]).toBe('orders/cancel-an-order');
  });

  it('matches a word still being typed by its prefix', () => {
    expect(slugs('passw')[0]).toBe('account/reset-your-password');
  });

  it('matches other forms of a word (stemming)', () => {
    expect(slugs('cancelling orders')[0]).toBe('orders/cancel-an-order');
    expect(slugs('tracked')).toContain('orders/track-your-order');
  });

  it('expands queries with the shipped English synonyms', () => {
    expect(slugs('log in')).toContain('account/reset-your-password');
    expect(slugs('remove my account')[0]).toBe('account/delete-your-account');
  });

  it("expands queries with the knowledge base's own _synonyms.yml", () => {
    expect(slugs('where is my shipment')).toContain('orders/track-your-order');
  });

  it('returns nothing when nothing is relevant', () => {
    expect(slugs('quantum chromodynamics')).toEqual([]);
    expect(slugs('how do i')).toEqual([]);
    expect(slugs('2fa')).toEqual([]);
  });

  it('collapses sections into one result per article, best section first, with a deep link', () => {
    const hits = kb.search('tracking number', 5);
    expect(new Set(hits.map((h) => h.slug)).size).toBe(hits.length);
    const track = hits.find((h) => h.slug === 'orders/track-your-order');
    expect(track).toMatchObject({
      heading: 'Find the tracking number',
      url: '/kb/orders/track-your-order#find-the-tracking-number',
      category: 'orders',
    });
  });

  it('returns a plain-text snippet with highlight offsets on the matched words', () => {
    const hit = kb.search('tracking number', 5).find((h) => h.slug === 'orders/track-your-order');
    expect(hit?.snippet).not.toMatch(/\*\*|<strong|<p>/);
    expect(hit?.highlights.length).toBeGreaterThan(0);
    for (const [start, end] of hit?.highlights ?? []) {
      expect(hit?.snippet.slice(start, end).toLowerCase()).toMatch(/^(tracking|number)$/);
    }
  });

  it('never returns drafts and respects the limit', () => {
    expect(slugs('feature still being written')).toEqual([]);
    expect(kb.search('order', 1)).toHaveLength(1);
  });
});
