import type { Lang, Strings } from './i18n.ts';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** JSON for a `<script type="application/ld+json">` block: nothing in it can close the element. */
export function jsonLd(data: unknown): string {
  const json = JSON.stringify(data)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
  return `<script type="application/ld+json">${json}</script>`;
}

/** What every help-centre page knows about where and for whom it is rendered. */
export interface PageContext {
  lang: Lang;
  t: Strings;
  site: string;
  /** Absolute origin for canonical and Open Graph URLs ('' when neither PUBLIC_URL nor a trusted Host gives one). */
  origin: string;
  /** Cache-busting token for the theme sheet. */
  themeVersion: string;
  logoUrl?: string | undefined;
}

export interface PageSpec {
  title: string;
  description: string;
  /** Path of this page's canonical URL, e.g. `/kb/orders/track-an-order`. */
  path: string;
  body: string;
  type?: 'website' | 'article';
  structured?: unknown[];
  noindex?: boolean;
}

export function searchForm(ctx: PageContext, query = ''): string {
  return `<form class="search" role="search" action="/help/search" method="get">
<label class="skip" for="q">${escapeHtml(ctx.t.searchLabel)}</label>
<input id="q" name="q" type="search" maxlength="200" value="${escapeHtml(query)}" placeholder="${escapeHtml(ctx.t.searchLabel)}">
<button type="submit">${escapeHtml(ctx.t.searchButton)}</button>
</form>`;
}

export function layout(ctx: PageContext, spec: PageSpec): string {
  const url = `${ctx.origin}${spec.path}`;
  const fullTitle = spec.title === ctx.site ? ctx.site : `${spec.title} · ${ctx.site}`;
  const logo = ctx.logoUrl ? `<img src="${escapeHtml(ctx.logoUrl)}" alt="">` : '';
  return `<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(fullTitle)}</title>
<meta name="description" content="${escapeHtml(spec.description)}">
${spec.noindex ? '<meta name="robots" content="noindex">\n' : ''}<link rel="canonical" href="${escapeHtml(url)}">
<meta property="og:type" content="${spec.type ?? 'website'}">
<meta property="og:site_name" content="${escapeHtml(ctx.site)}">
<meta property="og:title" content="${escapeHtml(spec.title)}">
<meta property="og:description" content="${escapeHtml(spec.description)}">
<meta property="og:url" content="${escapeHtml(url)}">
<meta name="twitter:card" content="summary">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/help/help.css">
<link rel="stylesheet" href="/help/theme.css?v=${ctx.themeVersion}">
${(spec.structured ?? []).map(jsonLd).join('\n')}
<script defer src="/help/help.js"></script>
<script async src="/widget.js"></script>
</head>
<body>
<a class="skip" href="#main">${escapeHtml(ctx.t.skip)}</a>
<header class="top"><div>${logo}<a href="/help">${escapeHtml(ctx.site)}</a></div></header>
<main id="main">
${spec.body}
</main>
<footer><div>${escapeHtml(ctx.site)}</div></footer>
</body>
</html>`;
}

/** A breadcrumb trail, visible and as schema.org BreadcrumbList. */
export function breadcrumbs(
  ctx: PageContext,
  trail: Array<{ name: string; path: string }>,
): { html: string; data: unknown } {
  const html = `<nav class="crumbs" aria-label="Breadcrumb"><ol>${trail
    .map((c, i) =>
      i === trail.length - 1
        ? `<li><span aria-current="page">${escapeHtml(c.name)}</span></li>`
        : `<li><a href="${escapeHtml(c.path)}">${escapeHtml(c.name)}</a></li>`,
    )
    .join('')}</ol></nav>`;
  const data = {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((c, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: c.name,
      item: `${ctx.origin}${c.path}`,
    })),
  };
  return { html, data };
}
