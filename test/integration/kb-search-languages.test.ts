import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase, SearchHit } from '../../server/domain/knowledge-base/types.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import { listenKbRouter } from '../support/kb-router.ts';

/** Search in the visitor's language over HTTP, on the shipped knowledge base (English plus `knowledge-base/es/`). */
let kb: KnowledgeBase;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  kb = await loadKnowledgeBase({
    dir: join(import.meta.dirname, '../../knowledge-base'),
    logger: silentLogger(),
  });
  ({ base, close } = await listenKbRouter({ kb }));
});
afterAll(async () => {
  await close();
  await kb.close();
});

async function search(q: string, locale?: string): Promise<SearchHit[]> {
  const params = new URLSearchParams({ q, limit: '3', ...(locale ? { locale } : {}) });
  const res = await fetch(`${base}/search?${params}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: SearchHit[] }).results;
}

const marked = (h: SearchHit | undefined) => (h ? h.highlights.map(([a, b]) => h.snippet.slice(a, b)) : []);

describe('GET /api/kb/search in Spanish', () => {
  it.each([
    ['quiero devolver unos artículos', 'returns/return-an-item'],
    ['estoy devolviendo dos artículos', 'returns/return-an-item'],
    ['devoluciones', 'returns/return-an-item'],
    ['me reembolsaron', 'returns/refund-timing'],
    ['reembolsos pendientes', 'returns/refund-timing'],
  ])('"%s" (an inflected form) answers with the Spanish %s', async (q, slug) => {
    const [top] = await search(q, 'es');
    expect(top).toMatchObject({ slug, locale: 'es', related: false });
    expect(top?.url).toMatch(new RegExp(`^/kb/es/${slug}(#|$)`));
  });

  it('a regional tag (es-MX, as browsers send it) searches the Spanish articles the same way', async () => {
    const [top] = await search('estoy devolviendo dos artículos', 'es-MX');
    expect(top).toMatchObject({ slug: 'returns/return-an-item', locale: 'es', related: false });
  });

  it("highlights the article's forms of the visitor's words", async () => {
    const [top] = await search('devoluciones', 'es');
    expect(marked(top).map((w) => w.toLowerCase())).toContain('devolución');
  });

  it('Spanish function words alone find nothing', async () => {
    expect(await search('de la un el', 'es')).toEqual([]);
  });

  it('falls back to the English index, analysed as English, for an English query', async () => {
    const [top] = await search('returning items', 'es');
    expect(top).toMatchObject({
      slug: 'returns/return-an-item',
      locale: 'es',
      title: 'Devolver un artículo',
    });
  });

  it('without a locale the same Spanish query is not read as Spanish', async () => {
    const hits = await search('me reembolsaron', undefined);
    expect(hits.every((h) => h.locale === undefined || h.locale === 'en')).toBe(true);
    expect(hits.filter((h) => !h.related)).toEqual([]);
  });
});
