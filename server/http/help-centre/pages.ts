import type {
  ArticleSummary,
  ArticleView,
  CategoryView,
  KnowledgeBase,
  SearchHit,
} from '../../domain/knowledge-base/types.ts';
import { formatDate } from './i18n.ts';
import { breadcrumbs, escapeHtml, layout, type PageContext, searchForm } from './layout.ts';

/** An article's one public URL: the same `/kb/<slug>` the widget, inserted links and emails use. */
export const articlePath = (slug: string) => `/kb/${slug}`;
export const categoryPath = (slug: string) => `/help/${slug}`;

const linkList = (articles: ArticleSummary[]) =>
  `<ul class="links">${articles
    .map((a) => `<li><a href="${escapeHtml(articlePath(a.slug))}">${escapeHtml(a.title)}</a></li>`)
    .join('')}</ul>`;

export function homePage(ctx: PageContext, kb: KnowledgeBase): string {
  const categories = kb.categories().filter((c) => c.articles.length > 0);
  const popular = kb.suggestions(undefined, 6);
  const cards = categories
    .map(
      (
        c,
      ) => `<li class="card"><h3><a href="${escapeHtml(categoryPath(c.slug))}">${escapeHtml(c.title)}</a></h3>
${c.description ? `<p>${escapeHtml(c.description)}</p>` : ''}${linkList(c.articles.slice(0, 5))}</li>`,
    )
    .join('\n');
  return layout(ctx, {
    title: ctx.site,
    description: `${ctx.site}: ${categories.map((c) => c.title).join(', ')}`.slice(0, 300),
    path: '/help',
    body: `<h1>${escapeHtml(ctx.site)}</h1>
${searchForm(ctx)}
${popular.length ? `<section aria-labelledby="popular"><h2 id="popular">${escapeHtml(ctx.t.popular)}</h2>${linkList(popular)}</section>` : ''}
<section aria-labelledby="topics"><h2 id="topics">${escapeHtml(ctx.t.categories)}</h2>
<ul class="grid">${cards}</ul></section>`,
    structured: [
      {
        '@context': 'https://schema.org',
        '@type': 'WebSite',
        name: ctx.site,
        url: `${ctx.origin}/help`,
        potentialAction: {
          '@type': 'SearchAction',
          target: `${ctx.origin}/help/search?q={query}`,
          'query-input': 'required name=query',
        },
      },
    ],
  });
}

export function categoryPage(ctx: PageContext, c: CategoryView): string {
  const crumbs = breadcrumbs(ctx, [
    { name: ctx.site, path: '/help' },
    { name: c.title, path: categoryPath(c.slug) },
  ]);
  const items = c.articles
    .map(
      (a) =>
        `<li><a href="${escapeHtml(articlePath(a.slug))}">${escapeHtml(a.title)}</a>${a.description ? `<p>${escapeHtml(a.description)}</p>` : ''}</li>`,
    )
    .join('');
  return layout(ctx, {
    title: c.title,
    description: c.description || `${c.title}: ${ctx.t.articleCount(c.articles.length)}`,
    path: categoryPath(c.slug),
    body: `${crumbs.html}
<h1>${escapeHtml(c.title)}</h1>
${c.description ? `<p class="lead">${escapeHtml(c.description)}</p>` : ''}
${searchForm(ctx)}
<ul class="results">${items}</ul>`,
    structured: [crumbs.data],
  });
}

export function articlePage(
  ctx: PageContext,
  a: ArticleView,
  category: CategoryView | undefined,
  voted: boolean,
): string {
  const path = articlePath(a.slug);
  const trail = [{ name: ctx.site, path: '/help' }];
  if (category) trail.push({ name: category.title, path: categoryPath(category.slug) });
  trail.push({ name: a.title, path });
  const crumbs = breadcrumbs(ctx, trail);
  const updated = formatDate(a.updatedAt, ctx.lang);
  const feedback = voted
    ? `<p role="status">${escapeHtml(ctx.t.thanks)}</p>`
    : `<form method="post" action="/help/vote">
<input type="hidden" name="slug" value="${escapeHtml(a.slug)}">
<p id="helpful-q">${escapeHtml(ctx.t.helpful)}</p>
<button class="plain" type="submit" name="helpful" value="yes" aria-describedby="helpful-q">${escapeHtml(ctx.t.yes)}</button>
<button class="plain" type="submit" name="helpful" value="no" aria-describedby="helpful-q">${escapeHtml(ctx.t.no)}</button>
</form>`;
  const related = a.related.length
    ? `<nav class="box" aria-labelledby="related-title"><h2 id="related-title">${escapeHtml(ctx.t.related)}</h2>${linkList(a.related)}</nav>`
    : '';
  const article = {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: a.title.slice(0, 110),
    description: a.description || undefined,
    dateModified: a.updatedAt || undefined,
    inLanguage: ctx.lang,
    mainEntityOfPage: `${ctx.origin}${path}`,
    url: `${ctx.origin}${path}`,
    author: { '@type': 'Organization', name: ctx.site },
    publisher: { '@type': 'Organization', name: ctx.site },
  };
  return layout(ctx, {
    title: a.title,
    description: a.description || a.title,
    path,
    type: 'article',
    body: `${crumbs.html}
<h1>${escapeHtml(a.title)}</h1>
${a.description ? `<p class="lead">${escapeHtml(a.description)}</p>` : ''}
${updated ? `<p class="meta">${escapeHtml(`${ctx.t.updated} ${updated}`)}</p>` : ''}
<article>
${a.html}
</article>
<section class="box" id="feedback" aria-label="${escapeHtml(ctx.t.helpful)}">${feedback}</section>
${related}
<section class="box" aria-labelledby="talk-title"><h2 id="talk-title">${escapeHtml(ctx.t.stillNeedHelp)}</h2>
<button id="talk" type="button">${escapeHtml(ctx.t.talk)}</button></section>`,
    structured: [article, crumbs.data],
  });
}

/** Marks the matched words of a plain-text snippet (offsets from the index) with `<mark>`, escaping the rest. */
export function highlight(snippet: string, marks: Array<[number, number]>): string {
  let out = '';
  let at = 0;
  for (const [start, end] of [...marks].sort((x, y) => x[0] - y[0])) {
    if (start < at || end <= start || end > snippet.length) continue;
    out += `${escapeHtml(snippet.slice(at, start))}<mark>${escapeHtml(snippet.slice(start, end))}</mark>`;
    at = end;
  }
  return out + escapeHtml(snippet.slice(at));
}

export function searchPage(ctx: PageContext, query: string, hits: SearchHit[]): string {
  const items = hits
    .map(
      (
        h,
      ) => `<li><a href="${escapeHtml(h.url)}">${escapeHtml(h.title)}${h.heading ? ` › ${escapeHtml(h.heading)}` : ''}</a>
<p>${highlight(h.snippet, h.highlights)}</p></li>`,
    )
    .join('\n');
  const heading = query ? ctx.t.results(hits.length, query) : ctx.t.searchLabel;
  return layout(ctx, {
    title: heading,
    description: ctx.t.searchLabel,
    path: `/help/search${query ? `?q=${encodeURIComponent(query)}` : ''}`,
    noindex: true,
    body: `<h1>${escapeHtml(heading)}</h1>
${searchForm(ctx, query)}
${query && hits.length === 0 ? `<p>${escapeHtml(ctx.t.noResults)}</p><p><button id="talk" type="button">${escapeHtml(ctx.t.talk)}</button></p>` : `<ul class="results">${items}</ul>`}`,
  });
}

export function notFoundPage(ctx: PageContext): string {
  return layout(ctx, {
    title: ctx.t.notFound,
    description: ctx.t.notFoundLead,
    path: '/help',
    noindex: true,
    body: `<h1>${escapeHtml(ctx.t.notFound)}</h1>
<p class="lead">${escapeHtml(ctx.t.notFoundLead)}</p>
${searchForm(ctx)}
<p><a href="/help">${escapeHtml(ctx.t.allArticles)}</a></p>`,
  });
}
