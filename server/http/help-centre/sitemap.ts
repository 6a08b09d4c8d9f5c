import { articleUrl } from '../../domain/knowledge-base/localize.ts';
import type { KnowledgeBase } from '../../domain/knowledge-base/types.ts';
import { escapeHtml } from './layout.ts';
import { categoryPath, homePath } from './pages.ts';

interface SitemapUrl {
  path: string;
  lastmod?: string;
  /** Every language version of the page (this one included), when there are several: hreflang alternates. */
  alternates?: Array<{ lang: string; path: string }>;
}

/**
 * Every published page of the help centre (drafts are never in the knowledge base's published set), in every
 * language it exists in: a language's home, the categories with at least one article in that language, and the
 * translated articles. A page with several languages lists them all as hreflang alternates, as search engines ask.
 */
export function sitemapXml(origin: string, kb: KnowledgeBase): string {
  const locales = kb.locales?.() ?? ['en'];
  const urls: SitemapUrl[] = [];
  const add = (versions: Array<{ lang: string; path: string; lastmod?: string | undefined }>) => {
    const alternates =
      versions.length > 1 ? versions.map((v) => ({ lang: v.lang, path: v.path })) : undefined;
    for (const v of versions)
      urls.push({
        path: v.path,
        ...(v.lastmod ? { lastmod: v.lastmod } : {}),
        ...(alternates ? { alternates } : {}),
      });
  };
  add(locales.map((l) => ({ lang: l, path: homePath(l) })));
  const byLocale = new Map(locales.map((l) => [l, kb.categories(l === 'en' ? undefined : l)]));
  for (const c of kb.categories()) {
    if (c.articles.length === 0) continue;
    add(
      locales
        .filter((l) => l === 'en' || byLocale.get(l)?.some((x) => x.slug === c.slug && hasOwn(x.articles, l)))
        .map((l) => ({ lang: l, path: categoryPath(c.slug, homePath(l)) })),
    );
    for (const a of c.articles) {
      const versions = locales.flatMap((l) => {
        const view = kb.article(a.slug, l === 'en' ? undefined : l);
        if (!view || (l !== 'en' && view.locale !== l)) return [];
        return [{ lang: l, path: articleUrl(a.slug, l), lastmod: view.updatedAt?.slice(0, 10) || undefined }];
      });
      add(versions);
    }
  }
  const entries = urls
    .map(
      (u) =>
        `<url><loc>${escapeHtml(`${origin}${u.path}`)}</loc>${u.lastmod ? `<lastmod>${escapeHtml(u.lastmod)}</lastmod>` : ''}${(
          u.alternates ?? []
        )
          .map(
            (v) =>
              `<xhtml:link rel="alternate" hreflang="${v.lang}" href="${escapeHtml(`${origin}${v.path}`)}"/>`,
          )
          .join('')}</url>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${entries}
</urlset>
`;
}

function hasOwn(articles: Array<{ locale?: string }>, locale: string): boolean {
  return articles.some((a) => a.locale === locale);
}

/** Crawlers may read the help centre and the articles; nothing else Parley serves is for them. */
export function robotsTxt(origin: string): string {
  return `User-agent: *
Allow: /help
Allow: /kb/
Allow: /api/kb/assets/
Disallow: /help/search
Disallow: /help/*/search
Disallow: /help/vote
Disallow: /api/
Disallow: /console
Disallow: /demo
${origin ? `\nSitemap: ${origin}/sitemap.xml\n` : ''}`;
}
