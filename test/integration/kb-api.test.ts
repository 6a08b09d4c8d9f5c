import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase } from '../../server/domain/knowledge-base/types.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import { listenKbRouter } from '../support/kb-router.ts';

let kb: KnowledgeBase;
let base: string;
let close: () => Promise<void>;
const searches: Array<{ query: string; resultCount: number }> = [];

beforeAll(async () => {
  kb = await loadKnowledgeBase({
    dir: join(import.meta.dirname, '../fixtures/kb-basic'),
    logger: silentLogger(),
  });
  ({ base, close } = await listenKbRouter({ kb, onSearch: (e) => searches.push(e) }));
});
afterAll(async () => {
  await close();
  await kb.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers });

describe('GET /api/kb/search', () => {
  it('returns ranked results for a query and reports the search', async () => {
    const res = await get('/search?q=reset%20password&limit=3');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.query).toBe('reset password');
    expect(body.results[0]).toMatchObject({
      slug: 'account/reset-your-password',
      url: expect.stringMatching(/^\/kb\//),
    });
    expect(searches.at(-1)).toEqual({ query: 'reset password', resultCount: body.results.length });
  });

  it('returns an empty list when nothing is relevant', async () => {
    const body = await (await get('/search?q=quantum%20chromodynamics')).json();
    expect(body.results).toEqual([]);
  });

  it.each([
    ['a missing q', '/search'],
    ['a blank q', '/search?q=%20%20'],
    ['a q over 200 characters', `/search?q=${'a'.repeat(201)}`],
    ['a limit over 20', '/search?q=order&limit=21'],
    ['a limit that is not a number', '/search?q=order&limit=ten'],
    ['a repeated q', '/search?q=a&q=b'],
  ])('answers 400 validation_failed for %s', async (_name, path) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues.length).toBeGreaterThan(0);
  });
});

describe('GET /api/kb/articles/*slug', () => {
  it('returns a nested article with an ETag and public caching, and 304 when unchanged', async () => {
    const res = await get('/articles/orders/track-your-order');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = res.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const body = await res.json();
    expect(body).toMatchObject({ slug: 'orders/track-your-order', title: 'Track your order' });
    expect(body.html).toContain('data-kb-slug="account/reset-your-password"');
    const again = await get('/articles/orders/track-your-order', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
  });

  it('answers 404 not_found for an unknown or draft article', async () => {
    for (const path of ['/articles/nope', '/articles/account/beta-feature']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });

  it.each([
    '/articles/..%2F..%2Fpackage.json',
    '/articles/orders%2Ftrack-your-order',
    '/articles/orders/..%2Ftrack-your-order',
    '/articles/%2e%2e/%2e%2e/etc/passwd',
    '/articles/orders/track-your-order%00',
    '/articles/Orders/Track-Your-Order',
  ])('refuses the path trick %s without touching the file system', async (path) => {
    const res = await get(path);
    expect([400, 404]).toContain(res.status);
    expect((await res.text()).includes('"name"')).toBe(false);
  });
});

describe('categories, suggestions and assets', () => {
  it('lists categories with their articles', async () => {
    const body = await (await get('/categories')).json();
    expect(body.categories.map((c: { slug: string }) => c.slug)).toEqual(['orders', 'account', 'returns']);
  });

  it('suggests articles for the page the visitor is on', async () => {
    const body = await (
      await get(`/suggestions?url=${encodeURIComponent('https://shop.example/x/checkout/done')}`)
    ).json();
    expect(body.articles.map((a: { slug: string }) => a.slug)).toEqual(['orders/track-your-order']);
  });

  it('serves an image with nosniff, and an SVG as a sandboxed attachment', async () => {
    const png = await get('/assets/account/images/flow.png');
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('x-content-type-options')).toBe('nosniff');
    const svg = await get('/assets/account/images/logo.svg');
    expect(svg.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(svg.headers.get('content-disposition')).toBe('attachment');
  });

  it.each([
    '/assets/account/reset-your-password.md',
    '/assets/..%2F..%2Fkb-broken-links%2Fguide.md',
    '/assets/account/..%2F..%2F..%2Fpackage.json',
    '/assets/%2e%2e/kb-broken-links/pictures/none.png',
    '/assets/account/images/missing.png',
    '/assets/_synonyms.yml',
  ])('refuses %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
  });
});
