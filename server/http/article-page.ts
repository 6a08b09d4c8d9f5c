import { Router } from 'express';
import { SLUG_PATTERN } from '../domain/knowledge-base/slug.ts';
import type { ArticleView, KnowledgeBase } from '../domain/knowledge-base/types.ts';
import { ARTICLE_CSS } from './article-page.css.ts';
import { pageHeaders } from './security-headers.ts';

/**
 * The readable pages behind every article URL, `/kb/<slug>`: what a link copied from a chat, an email
 * follow-up or the content-gaps report opens. Server-rendered, no script; the article HTML is the
 * knowledge base's own render (Markdown with raw HTML escaped); everything else is escaped here.
 */
export const ARTICLE_PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' https: data:; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";

const SLUG_SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function createArticlePageRouter(deps: { kb: KnowledgeBase; siteName?: string }): Router {
  const router = Router();
  const site = deps.siteName ?? 'Help centre';

  router.get('/kb.css', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('css').send(ARTICLE_CSS);
  });
  router.get('/kb', (_req, res) => {
    pageHeaders(res, ARTICLE_PAGE_CSP);
    res.type('html').send(indexPage(deps.kb, site));
  });
  router.get('/kb/*slug', (req, res) => {
    const segments = (req.params as { slug?: string[] }).slug ?? [];
    const slug = segments.every((s) => SLUG_SEGMENT.test(s)) ? segments.join('/') : '';
    const article = SLUG_PATTERN.test(slug) ? deps.kb.article(slug) : undefined;
    pageHeaders(res, ARTICLE_PAGE_CSP);
    if (!article) {
      res.status(404).type('html').send(notFoundPage(site));
      return;
    }
    deps.kb.recordView?.(slug);
    res.type('html').send(articlePage(article, deps.kb, site));
  });
  return router;
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function page(title: string, site: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(site)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/kb.css">
</head>
<body>
<header class="top"><a href="/kb">${escapeHtml(site)}</a></header>
<main>
${main}
</main>
</body>
</html>`;
}

function articlePage(a: ArticleView, kb: KnowledgeBase, site: string): string {
  const category = kb.categories().find((c) => c.slug === a.category);
  const updated = formatDate(a.updatedAt);
  const related = a.related.length
    ? `<nav class="related" aria-labelledby="related-title"><h2 id="related-title">Related articles</h2><ul>${a.related
        .map((r) => `<li><a href="/kb/${escapeHtml(r.slug)}">${escapeHtml(r.title)}</a></li>`)
        .join('')}</ul></nav>`
    : '';
  return page(
    a.title,
    site,
    `${category ? `<p class="crumbs"><a href="/kb">${escapeHtml(site)}</a> › ${escapeHtml(category.title)}</p>` : ''}
<h1>${escapeHtml(a.title)}</h1>
${a.description ? `<p class="lead">${escapeHtml(a.description)}</p>` : ''}
${updated ? `<p class="meta">Updated ${escapeHtml(updated)}</p>` : ''}
<article>
${a.html}
</article>
${related}`,
  );
}

function indexPage(kb: KnowledgeBase, site: string): string {
  const groups = kb
    .categories()
    .map(
      (c) =>
        `<h2>${escapeHtml(c.title)}</h2>${c.description ? `<p>${escapeHtml(c.description)}</p>` : ''}<ul>${c.articles
          .map((a) => `<li><a href="/kb/${escapeHtml(a.slug)}">${escapeHtml(a.title)}</a></li>`)
          .join('')}</ul>`,
    )
    .join('\n');
  return page(site, site, `<h1>${escapeHtml(site)}</h1>\n<div class="index">${groups}</div>`);
}

function notFoundPage(site: string): string {
  return page(
    'Article not found',
    site,
    `<h1>Article not found</h1>
<p class="lead">This article has moved or is no longer published.</p>
<p><a href="/kb">See all articles</a></p>`,
  );
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return '';
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
