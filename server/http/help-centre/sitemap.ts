import type { KnowledgeBase } from '../../domain/knowledge-base/types.ts';
import { escapeHtml } from './layout.ts';
import { articlePath, categoryPath } from './pages.ts';

/** Every published page of the help centre (drafts are never in the knowledge base's published set). */
export function sitemapXml(origin: string, kb: KnowledgeBase): string {
  const urls: Array<{ path: string; lastmod?: string }> = [{ path: '/help' }];
  for (const c of kb.categories()) {
    if (c.articles.length === 0) continue;
    urls.push({ path: categoryPath(c.slug) });
    for (const a of c.articles) {
      const updated = kb.article(a.slug)?.updatedAt;
      urls.push({ path: articlePath(a.slug), ...(updated ? { lastmod: updated.slice(0, 10) } : {}) });
    }
  }
  const entries = urls
    .map(
      (u) =>
        `<url><loc>${escapeHtml(`${origin}${u.path}`)}</loc>${u.lastmod ? `<lastmod>${escapeHtml(u.lastmod)}</lastmod>` : ''}</url>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries}
</urlset>
`;
}

/** Crawlers may read the help centre and the articles; nothing else Parley serves is for them. */
export function robotsTxt(origin: string): string {
  return `User-agent: *
Allow: /help
Allow: /kb/
Allow: /api/kb/assets/
Disallow: /help/search
Disallow: /help/vote
Disallow: /api/
Disallow: /console
Disallow: /demo
${origin ? `\nSitemap: ${origin}/sitemap.xml\n` : ''}`;
}
