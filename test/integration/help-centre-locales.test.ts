import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKbServer } from '../support/kb-server.ts';

/** The help centre and the knowledge-base API in several languages: pages, redirects, search and sitemap. */
describe('help centre in several languages', () => {
  let server: Awaited<ReturnType<typeof startKbServer>>;
  const PUBLIC = 'https://help.example.com';

  beforeAll(async () => {
    server = await startKbServer(
      {
        'returns/_category.md': '---\ntitle: Returns\n---\n',
        'returns/return-an-item.md':
          '---\ntitle: Return an item\ndescription: Send it back.\n---\nReturn it within 30 days.\n\n## Large items\n\nWe collect them. See [refunds](refund-timing.md).\n',
        'returns/refund-timing.md':
          '---\ntitle: Refund timing\ndescription: When the money arrives.\n---\nA refund takes five days.\n',
        'orders/track-an-order.md': '---\ntitle: Track an order\n---\nUse the tracking link.\n',
        'es/returns/_category.md': '---\ntitle: Devoluciones\n---\n',
        'es/returns/return-an-item.md':
          '---\ntitle: Devolver un artículo\ndescription: Devuélvelo.\n---\nDevuelve el artículo en 30 días.\n\n## Artículos grandes\n\nLos recogemos. Mira [reembolsos](refund-timing.md).\n',
      },
      { app: { publicUrl: PUBLIC } },
    );
  });
  afterAll(async () => {
    await server.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers, redirect: 'manual' });
  const SPANISH = { 'accept-language': 'es-ES,es;q=0.9,en;q=0.5' };

  it('sends a Spanish-speaking visitor from /help and from an article link to the Spanish pages', async () => {
    const home = await get('/help', SPANISH);
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/help/es');
    expect(home.headers.get('vary')).toMatch(/Accept-Language/);
    expect(home.headers.get('vary')).toMatch(/Cookie/);
    const article = await get('/kb/returns/return-an-item', SPANISH);
    expect(article.headers.get('location')).toBe('/kb/es/returns/return-an-item');
    const search = await get('/help/search?q=devolver', SPANISH);
    expect(search.headers.get('location')).toBe('/help/es/search?q=devolver');
    // Crawlers and English browsers read the default language at the stable URL.
    expect((await get('/help')).status).toBe(200);
    expect((await get('/kb/returns/return-an-item', { 'accept-language': 'en-GB' })).status).toBe(200);
  });

  it('the Spanish home has Spanish words, topics and articles, marks the English ones, and hreflang alternates', async () => {
    const res = await get('/help/es');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-language')).toBe('es');
    const html = await res.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<link rel="canonical" href="https://help.example.com/help/es">');
    expect(html).toContain('<link rel="alternate" hreflang="en" href="https://help.example.com/help">');
    expect(html).toContain('<link rel="alternate" hreflang="es" href="https://help.example.com/help/es">');
    expect(html).toContain(
      '<link rel="alternate" hreflang="x-default" href="https://help.example.com/help">',
    );
    expect(html).toContain('action="/help/es/search"');
    expect(html).toContain('href="/help/es/returns">Devoluciones</a>');
    expect(html).toContain('<a href="/kb/es/returns/return-an-item">Devolver un artículo</a>');
    expect(html).toContain(
      '<a href="/kb/returns/refund-timing" hreflang="en" lang="en">Refund timing</a> <span class="note">(inglés)</span>',
    );
    expect(html).toContain('<script async src="/widget.js" data-locale="es"></script>');
    // The switcher names each language in itself and links through ?lang= so the choice sticks.
    expect(html).toContain('<a href="/help?lang=en" hreflang="en" lang="en">English</a>');
    expect(html).toContain('<a href="/help/es" lang="es" aria-current="true">Español</a>');
  });

  it('serves a translated article at its own URL, with its breadcrumb, language and alternates', async () => {
    const html = await (await get('/kb/es/returns/return-an-item')).text();
    expect(html).toContain('<h1>Devolver un artículo</h1>');
    expect(html).toContain('id="articulos-grandes"');
    expect(html).toContain('href="/kb/es/returns/refund-timing"');
    expect(html).toContain('<a href="/help/es/returns">Devoluciones</a>');
    expect(html).toContain(
      '<link rel="canonical" href="https://help.example.com/kb/es/returns/return-an-item">',
    );
    expect(html).toContain(
      '<link rel="alternate" hreflang="en" href="https://help.example.com/kb/returns/return-an-item">',
    );
    expect(html).toContain('"inLanguage":"es"');
    expect(html).toContain('<input type="hidden" name="locale" value="es">');
    expect(html).not.toContain('class="notice"');
  });

  it('shows an article not translated yet in English, says so, and points search engines at the English page', async () => {
    for (const res of [
      await get('/kb/es/returns/refund-timing'),
      await get('/kb/returns/refund-timing', SPANISH),
    ]) {
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<html lang="es">');
      expect(html).toContain(
        '<p class="notice" role="note">Aún no está traducido: este artículo se muestra en inglés.</p>',
      );
      expect(html).toContain('<h1 lang="en">Refund timing</h1>');
      expect(html).toContain('<article lang="en">');
      expect(html).toContain(
        '<link rel="canonical" href="https://help.example.com/kb/returns/refund-timing">',
      );
      expect(html).not.toContain('hreflang="es" href="https://help.example.com/kb/es/returns/refund-timing"');
    }
  });

  it('a topic with nothing translated yet is served in Spanish words with the English page as canonical', async () => {
    const html = await (await get('/help/es/orders')).text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<link rel="canonical" href="https://help.example.com/help/orders">');
    expect(html).toContain('hreflang="en" lang="en">Track an order</a>');
  });

  it('the switcher choice is kept in a cookie and wins over the browser language', async () => {
    const choose = await get('/kb/es/returns/return-an-item?lang=en');
    expect(choose.status).toBe(303);
    expect(choose.headers.get('location')).toBe('/kb/es/returns/return-an-item');
    const cookie = choose.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^parley_lang=en; Path=\/; Max-Age=31536000; SameSite=Lax/);
    const english = await get('/help', { ...SPANISH, cookie: 'parley_lang=en' });
    expect(english.status).toBe(200);
    expect(await english.text()).toContain('<html lang="en">');
    const spanish = await get('/help', { cookie: 'parley_lang=es' });
    expect(spanish.headers.get('location')).toBe('/help/es');
    // An unknown language is not a choice: the link is served as it is.
    expect((await get('/help?lang=xx')).status).toBe(200);
  });

  it('searches the Spanish articles on the Spanish page, falling back to English ones when none answers', async () => {
    const own = await (await get('/help/es/search?q=devolver')).text();
    expect(own).toContain('<a href="/kb/es/returns/return-an-item');
    const fallback = await (await get('/help/es/search?q=tracking')).text();
    expect(fallback).toContain(
      '<a href="/kb/orders/track-an-order" hreflang="en" lang="en">Track an order</a> <span class="note">(inglés)</span>',
    );
    expect(own).toContain('<meta name="robots" content="noindex">');
  });

  it('the API answers in the visitor’s language with the default language as fallback', async () => {
    const search = (q: string, locale?: string) =>
      get(`/api/kb/search?q=${encodeURIComponent(q)}${locale ? `&locale=${locale}` : ''}`).then((r) =>
        r.json(),
      );
    const es = await search('devolver', 'es-ES');
    expect(es.results[0]).toMatchObject({
      slug: 'returns/return-an-item',
      title: 'Devolver un artículo',
      locale: 'es',
    });
    expect(es.results[0].url).toMatch(/^\/kb\/es\/returns\/return-an-item/);
    expect((await search('devolver')).results).toEqual([]);
    const fallback = await search('refund', 'es');
    expect(fallback.results[0]).toMatchObject({ slug: 'returns/refund-timing', locale: 'en' });
    expect((await search('refund', 'de')).results[0]).not.toHaveProperty('locale', 'de');
    const bad = await get('/api/kb/search?q=refund&locale=%3Cscript%3E');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('validation_failed');

    const byQuery = await (await get('/api/kb/articles/returns/return-an-item?locale=es')).json();
    expect(byQuery).toMatchObject({ title: 'Devolver un artículo', locale: 'es', locales: ['en', 'es'] });
    const byPath = await (await get('/api/kb/articles/es/returns/refund-timing')).json();
    expect(byPath).toMatchObject({ title: 'Refund timing', locale: 'en' });
    const categories = await (await get('/api/kb/categories?locale=es')).json();
    expect(categories.categories.find((c: { slug: string }) => c.slug === 'returns').title).toBe(
      'Devoluciones',
    );
  });

  it('the sitemap lists each page in every language it exists in, with hreflang alternates', async () => {
    const xml = await (await get('/sitemap.xml')).text();
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const locs = [...xml.matchAll(/<loc>(.*?)<\/loc>/g)].map((m) => (m[1] ?? '').replace(PUBLIC, ''));
    expect(locs.sort()).toEqual([
      '/help',
      '/help/es',
      '/help/es/returns',
      '/help/orders',
      '/help/returns',
      '/kb/es/returns/return-an-item',
      '/kb/orders/track-an-order',
      '/kb/returns/refund-timing',
      '/kb/returns/return-an-item',
    ]);
    const entry = /<url><loc>[^<]*\/kb\/returns\/return-an-item<\/loc>.*?<\/url>/.exec(xml)?.[0] ?? '';
    expect(entry).toContain(
      `<xhtml:link rel="alternate" hreflang="es" href="${PUBLIC}/kb/es/returns/return-an-item"/>`,
    );
    expect(entry).toContain(
      `<xhtml:link rel="alternate" hreflang="en" href="${PUBLIC}/kb/returns/return-an-item"/>`,
    );
  });

  it('a vote from a Spanish page returns to it', async () => {
    const res = await fetch(`${server.url}/help/vote`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: PUBLIC },
      body: 'slug=returns%2Freturn-an-item&helpful=yes&locale=es',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/kb/es/returns/return-an-item?voted=1#feedback');
  });
});
