import { articleUrl } from '../../domain/knowledge-base/localize.ts';
import type {
  ArticleSummary,
  ArticleView,
  CategoryView,
  KnowledgeBase,
  SearchHit,
} from '../../domain/knowledge-base/types.ts';
import { formatDate, languageName } from './i18n.ts';
import { breadcrumbs, escapeHtml, layout, type PageContext, searchForm } from './layout.ts';

export const categoryPath = (slug: string, home = '/help') => `${home}/${slug}`;
/** The help centre's home in a language: `/help`, `/help/es`. */
export const homePath = (locale: string) => (locale === 'en' ? '/help' : `/help/${locale}`);

/** The language to ask the knowledge base for: none on the default language's pages (their output is unchanged). */
export const askFor = (ctx: PageContext) => (ctx.locale === 'en' ? undefined : ctx.locale);

/** A link to an article; on another language's page, one not translated yet says which language it is in. */
function articleLink(ctx: PageContext, a: { title: string; url: string; locale?: string }): string {
  const other = a.locale !== undefined && a.locale !== ctx.locale;
  const attrs = other ? ` hreflang="${a.locale}" lang="${a.locale}"` : '';
  const note = other
    ? ` <span class="note">(${escapeHtml(languageName(a.locale ?? 'en', ctx.lang))})</span>`
    : '';
  return `<a href="${escapeHtml(a.url)}"${attrs}>${escapeHtml(a.title)}</a>${note}`;
}

const linkList = (ctx: PageContext, articles: ArticleSummary[]) =>
  `<ul class="links">${articles.map((a) => `<li>${articleLink(ctx, a)}</li>`).join('')}</ul>`;

export function homePage(ctx: PageContext, kb: KnowledgeBase): string {
  const categories = kb.categories(askFor(ctx)).filter((c) => c.articles.length > 0);
  const popular = kb.suggestions(undefined, 6, askFor(ctx));
  const cards = categories
    .map(
      (
        c,
      ) => `<li class="card"><h3><a href="${escapeHtml(categoryPath(c.slug, ctx.home))}">${escapeHtml(c.title)}</a></h3>
${c.description ? `<p>${escapeHtml(c.description)}</p>` : ''}${linkList(ctx, c.articles.slice(0, 5))}</li>`,
    )
    .join('\n');
  return layout(ctx, {
    title: ctx.site,
    description: `${ctx.site}: ${categories.map((c) => c.title).join(', ')}`.slice(0, 300),
    path: ctx.home,
    body: `<h1>${escapeHtml(ctx.site)}</h1>
${searchForm(ctx)}
${popular.length ? `<section aria-labelledby="popular"><h2 id="popular">${escapeHtml(ctx.t.popular)}</h2>${linkList(ctx, popular)}</section>` : ''}
<section aria-labelledby="topics"><h2 id="topics">${escapeHtml(ctx.t.categories)}</h2>
<ul class="grid">${cards}</ul></section>`,
    structured: [
      {
        '@context': 'https://schema.org',
        '@type': 'WebSite',
        name: ctx.site,
        url: `${ctx.origin}${ctx.home}`,
        inLanguage: ctx.locale,
        potentialAction: {
          '@type': 'SearchAction',
          target: `${ctx.origin}${ctx.home}/search?q={query}`,
          'query-input': 'required name=query',
        },
      },
    ],
  });
}

export function categoryPage(ctx: PageContext, c: CategoryView): string {
  const crumbs = breadcrumbs(ctx, [
    { name: ctx.site, path: ctx.home },
    { name: c.title, path: categoryPath(c.slug, ctx.home) },
  ]);
  const items = c.articles
    .map(
      (a) =>
        `<li>${articleLink(ctx, a)}${a.description ? `<p${a.locale && a.locale !== ctx.locale ? ` lang="${a.locale}"` : ''}>${escapeHtml(a.description)}</p>` : ''}</li>`,
    )
    .join('');
  return layout(ctx, {
    title: c.title,
    description: c.description || `${c.title}: ${ctx.t.articleCount(c.articles.length)}`,
    // A topic with nothing translated yet is the default language's page: its canonical URL says so.
    path: categoryPath(
      c.slug,
      ctx.locale === 'en' || c.articles.some((a) => a.locale === ctx.locale) ? ctx.home : '/help',
    ),
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
  // The canonical URL is the language the text is in: a page falling back to the original points at it.
  const content = a.locale ?? 'en';
  const path = articleUrl(a.slug, content);
  const trail = [{ name: ctx.site, path: ctx.home }];
  if (category) trail.push({ name: category.title, path: categoryPath(category.slug, ctx.home) });
  trail.push({ name: a.title, path: ctx.locale === content ? path : `/kb/${ctx.locale}/${a.slug}` });
  const crumbs = breadcrumbs(ctx, trail);
  const updated = formatDate(a.updatedAt, ctx.lang);
  // Text in another language than the page's words: marked, and said so above the title.
  const fallback = content !== ctx.lang;
  const langAttr = fallback ? ` lang="${content}"` : '';
  const feedback = voted
    ? `<p role="status">${escapeHtml(ctx.t.thanks)}</p>`
    : `<form method="post" action="/help/vote">
<input type="hidden" name="slug" value="${escapeHtml(a.slug)}">${ctx.locale === 'en' ? '' : `\n<input type="hidden" name="locale" value="${escapeHtml(ctx.locale)}">`}
<p id="helpful-q">${escapeHtml(ctx.t.helpful)}</p>
<button class="plain" type="submit" name="helpful" value="yes" aria-describedby="helpful-q">${escapeHtml(ctx.t.yes)}</button>
<button class="plain" type="submit" name="helpful" value="no" aria-describedby="helpful-q">${escapeHtml(ctx.t.no)}</button>
</form>`;
  const related = a.related.length
    ? `<nav class="box" aria-labelledby="related-title"><h2 id="related-title">${escapeHtml(ctx.t.related)}</h2>${linkList(ctx, a.related)}</nav>`
    : '';
  const article = {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: a.title.slice(0, 110),
    description: a.description || undefined,
    dateModified: a.updatedAt || undefined,
    inLanguage: content,
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
${fallback ? `<p class="notice" role="note">${escapeHtml(ctx.t.notTranslated(languageName(content, ctx.lang)))}</p>\n` : ''}<h1${langAttr}>${escapeHtml(a.title)}</h1>
${a.description ? `<p class="lead"${langAttr}>${escapeHtml(a.description)}</p>` : ''}
${updated ? `<p class="meta">${escapeHtml(`${ctx.t.updated} ${updated}`)}</p>` : ''}
<article${langAttr}>
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
      (h) => `<li>${articleLink(ctx, { ...h, title: `${h.title}${h.heading ? ` › ${h.heading}` : ''}` })}
<p${h.locale && h.locale !== ctx.locale ? ` lang="${h.locale}"` : ''}>${highlight(h.snippet, h.highlights)}</p></li>`,
    )
    .join('\n');
  const heading = query ? ctx.t.results(hits.length, query) : ctx.t.searchLabel;
  return layout(ctx, {
    title: heading,
    description: ctx.t.searchLabel,
    path: `${ctx.home}/search${query ? `?q=${encodeURIComponent(query)}` : ''}`,
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
    path: ctx.home,
    noindex: true,
    body: `<h1>${escapeHtml(ctx.t.notFound)}</h1>
<p class="lead">${escapeHtml(ctx.t.notFoundLead)}</p>
${searchForm(ctx)}
<p><a href="${ctx.home}">${escapeHtml(ctx.t.allArticles)}</a></p>`,
  });
}
