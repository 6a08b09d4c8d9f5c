import { describe, expect, it } from 'vitest';
import { createKbApi } from '../../../widget/app/api.ts';

/** The widget asks the knowledge base in the visitor's language; English (the default) adds nothing. */
describe('knowledge-base requests in the visitor’s language', () => {
  const recorder = () => {
    const urls: string[] = [];
    const fetchFn = (async (url: string | URL | Request) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ query: '', results: [], articles: [] }), {
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
    return { urls, fetchFn };
  };

  it('adds the locale to search, article and suggestions', async () => {
    const { urls, fetchFn } = recorder();
    const kb = createKbApi('https://help.example.com/', fetchFn, 'es-MX');
    await kb.search('devolver', undefined);
    await kb.article('returns/return-an-item', undefined);
    await kb.suggestions('https://shop.example/returns', undefined);
    expect(urls).toEqual([
      'https://help.example.com/api/kb/search?q=devolver&limit=8&locale=es-MX',
      'https://help.example.com/api/kb/articles/returns/return-an-item?locale=es-MX',
      'https://help.example.com/api/kb/suggestions?url=https%3A%2F%2Fshop.example%2Freturns&locale=es-MX',
    ]);
  });

  it('sends nothing for English or for a tag that is not one', async () => {
    for (const locale of ['en', 'en-GB', 'x', '<b>', undefined]) {
      const { urls, fetchFn } = recorder();
      await createKbApi('/', fetchFn, locale).search('refund', undefined);
      expect(urls, String(locale)).toEqual(['/api/kb/search?q=refund&limit=8']);
    }
  });
});
