import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKbServer } from '../support/kb-server.ts';

/** The public help centre: every page, its headers, and what search engines read. */
describe('help centre', () => {
  let server: Awaited<ReturnType<typeof startKbServer>>;
  const PUBLIC = 'https://help.example.com';

  beforeAll(async () => {
    server = await startKbServer(
      {
        'returns/_category.md': '---\ntitle: Returns & refunds\ndescription: Sending things back.\n---\n',
        'returns/return-an-item.md':
          '---\ntitle: Return an item </script><script>alert(1)</script>\ndescription: Send it back within 30 days & get a refund.\nupdated: 2026-11-03\n---\nYou have **30 days** to return an item.\n\n## Print a label\n\nSee [refunds](refund-timing.md#how-long).\n',
        'returns/refund-timing.md':
          '---\ntitle: When your refund arrives\ndescription: Refund times.\n---\nIntro.\n\n## How long\n\nA refund takes five days.\n',
        'returns/secret-plans.md': '---\ntitle: Secret plans\ndraft: true\n---\nNot yet.\n',
        'orders/_category.md': '---\ntitle: Orders\n---\n',
        'orders/track-an-order.md':
          '---\ntitle: Track an order\ndescription: Where is my parcel.\n---\nUse the tracking link.\n',
      },
      { app: { publicUrl: PUBLIC } },
    );
  });
  afterAll(async () => {
    await server.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers, redirect: 'manual' });

  function jsonLdOf(html: string): Array<Record<string, unknown>> {
    return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map(
      (m) => JSON.parse(m[1] ?? '') as Record<string, unknown>,
    );
  }

  function expectStrictPage(res: Response) {
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  }

  it.each([
    ['/help', 'https://help.example.com/help'],
    ['/help/returns', 'https://help.example.com/help/returns'],
    ['/kb/returns/refund-timing', 'https://help.example.com/kb/returns/refund-timing'],
    ['/help/search?q=refund', 'https://help.example.com/help/search?q=refund'],
  ])(
    '%s is a strict, server-rendered page with its canonical URL and Open Graph tags',
    async (path, canonical) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expectStrictPage(res);
      const html = await res.text();
      expect(html).toContain(`<link rel="canonical" href="${canonical}">`);
      expect(html).toContain(`<meta property="og:url" content="${canonical}">`);
      expect(html).toContain('<html lang="en">');
      expect(html).toContain('<script async src="/widget.js"></script>');
      for (const data of jsonLdOf(html)) expect(data['@context']).toBe('https://schema.org');
    },
  );

  it('the home page has the search box, every category with its articles, and popular articles', async () => {
    const html = await (await get('/help')).text();
    expect(html).toContain('action="/help/search"');
    expect(html).toContain('href="/help/returns">Returns &amp; refunds</a>');
    expect(html).toContain('href="/help/orders">Orders</a>');
    expect(html).toContain('href="/kb/orders/track-an-order">Track an order</a>');
    expect(html).toContain('Popular articles');
  });

  it('an article page has breadcrumb, body, last update, vote form, related articles, talk button and JSON-LD', async () => {
    const html = await (await get('/kb/returns/return-an-item')).text();
    expect(html).toContain('<a href="/help/returns">Returns &amp; refunds</a>');
    expect(html).toContain('<strong>30 days</strong>');
    expect(html).toContain('Updated 3 November 2026');
    expect(html).toContain('action="/help/vote"');
    expect(html).toContain('href="/kb/returns/refund-timing#how-long"');
    expect(html).toContain('<button id="talk" type="button">Talk to a person</button>');
    const data = jsonLdOf(html);
    const article = data.find((d) => d['@type'] === 'Article');
    expect(article?.headline).toBe('Return an item </script><script>alert(1)</script>');
    expect(article?.mainEntityOfPage).toBe(`${PUBLIC}/kb/returns/return-an-item`);
    const crumbs = data.find((d) => d['@type'] === 'BreadcrumbList') as { itemListElement: unknown[] };
    expect(crumbs.itemListElement).toHaveLength(3);
  });

  it('escapes a hostile article title everywhere it appears', async () => {
    for (const path of ['/kb/returns/return-an-item', '/help/returns', '/help', '/help/search?q=return']) {
      const html = await (await get(path)).text();
      expect(html, path).not.toContain('<script>alert(1)');
      expect(html, path).not.toMatch(/<\/script><script>/);
    }
    const html = await (await get('/kb/returns/return-an-item')).text();
    expect(html).toContain('<h1>Return an item &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
  });

  it('searches without JavaScript, marking the matched words, and escapes the query', async () => {
    const html = await (await get('/help/search?q=refund')).text();
    expect(html).toContain('href="/kb/returns/refund-timing');
    expect(html).toMatch(/<mark>refund<\/mark>/i);
    expect(html).toContain('<meta name="robots" content="noindex">');
    const hostile = await (
      await get(`/help/search?q=${encodeURIComponent('"><img src=x onerror=alert(1)>')}`)
    ).text();
    expect(hostile).not.toContain('<img src=x');
    expect(hostile).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    expect((await get(`/help/search?q=${'a'.repeat(300)}`)).status).toBe(400);
  });

  it('answers ETag revalidation with 304, and a changed language with a new page', async () => {
    const first = await get('/kb/returns/refund-timing');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('vary')).toContain('Accept-Language');
    const again = await get('/kb/returns/refund-timing', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const spanish = await get('/kb/returns/refund-timing', {
      'if-none-match': etag,
      'accept-language': 'es-ES,es;q=0.9',
    });
    expect(spanish.status).toBe(200);
    const html = await spanish.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Hablar con una persona');
    expect(spanish.headers.get('content-language')).toBe('es');
  });

  it('never publishes a draft: no page, not in a category, not in the sitemap', async () => {
    const res = await get('/kb/returns/secret-plans');
    expect(res.status).toBe(404);
    expectStrictPage(res);
    expect(await res.text()).toContain('Page not found');
    expect(await (await get('/help/returns')).text()).not.toContain('Secret plans');
    expect(await (await get('/sitemap.xml')).text()).not.toContain('secret-plans');
    expect((await get('/help/no-such-topic')).status).toBe(404);
    expect((await get('/kb/..%2F..%2Fetc')).status).toBe(404);
  });

  it('sitemap.xml lists every published article and category; robots.txt points to it', async () => {
    const res = await get('/sitemap.xml');
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await res.text();
    const locs = [...xml.matchAll(/<loc>(.*?)<\/loc>/g)].map((m) => m[1]);
    expect(locs.sort()).toEqual(
      [
        '/help',
        '/help/orders',
        '/help/returns',
        '/kb/orders/track-an-order',
        '/kb/returns/refund-timing',
        '/kb/returns/return-an-item',
      ].map((p) => `${PUBLIC}${p}`),
    );
    expect(xml).toContain('<lastmod>2026-11-03</lastmod>');
    const robots = await (await get('/robots.txt')).text();
    expect(robots).toContain(`Sitemap: ${PUBLIC}/sitemap.xml`);
    expect(robots).toContain('Disallow: /api/');
  });

  it('/kb redirects permanently to /help; the theme sheet carries the widget colour', async () => {
    const res = await get('/kb');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/help');
    const css = await (await get('/help/theme.css')).text();
    expect(css).toContain('--accent:#3b5bdb');
    expect((await get('/help/help.css')).status).toBe(200);
    expect(await (await get('/help/help.js')).text()).toContain("Parley('open')");
  });

  it('a Yes / No vote from the page is stored as the widget’s votes are, then thanks the visitor', async () => {
    const res = await fetch(`${server.url}/help/vote`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PUBLIC },
      body: 'slug=returns%2Frefund-timing&helpful=no',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/kb/returns/refund-timing?voted=1#feedback');
    const gaps = await server.services.selfService.contentGaps(7);
    expect(gaps.unhelpful.map((u: { slug: string }) => u.slug)).toContain('returns/refund-timing');
    const page = await (await get('/kb/returns/refund-timing?voted=1')).text();
    expect(page).toContain('Thanks for your feedback.');
    const bad = await fetch(`${server.url}/help/vote`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PUBLIC },
      body: 'slug=..%2Fetc&helpful=maybe',
    });
    expect(bad.status).toBe(400);
    const foreign = await fetch(`${server.url}/help/vote`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.test' },
      body: 'slug=returns%2Frefund-timing&helpful=no',
    });
    expect(foreign.status).toBe(403);
  });
});
