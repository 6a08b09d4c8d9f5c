import { endonym, type Lang, type Strings } from './i18n.ts';

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
  /** The language in the page's URL: the default one (`en`) for `/help` and `/kb/<slug>`, else `es`, `de`... */
  locale: string;
  /** `/help` or `/help/<locale>`: the home of this language. */
  home: string;
  /** This page in every language articles are published in (the switcher), and whether each version exists. */
  versions: PageVersion[];
}

export interface PageVersion {
  lang: string;
  path: string;
  /** False: that language's page would show the default language (not an hreflang alternate). */
  exists: boolean;
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
  return `<form class="search" role="search" action="${ctx.home}/search" method="get">
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
${alternates(ctx)}${(spec.structured ?? []).map(jsonLd).join('\n')}
<script defer src="/help/help.js"></script>
<script async src="/widget.js"${ctx.locale === 'en' ? '' : ` data-locale="${escapeHtml(ctx.locale)}"`}></script>
</head>
<body>
<a class="skip" href="#main">${escapeHtml(ctx.t.skip)}</a>
<header class="top"><div>${logo}<a href="${ctx.home}">${escapeHtml(ctx.site)}</a>${switcher(ctx)}</div></header>
<main id="main">
${spec.body}
</main>
<footer><div>${escapeHtml(ctx.site)}</div></footer>
</body>
</html>`;
}

/** hreflang alternates for search engines: every existing language version, the default one as x-default. */
function alternates(ctx: PageContext): string {
  const existing = ctx.versions.filter((v) => v.exists);
  if (existing.length < 2) return '';
  const fallback = existing.find((v) => v.lang === 'en') ?? existing[0];
  return [
    ...existing.map((v) => ({ lang: v.lang, path: v.path })),
    ...(fallback ? [{ lang: 'x-default', path: fallback.path }] : []),
  ]
    .map(
      (v) =>
        `<link rel="alternate" hreflang="${escapeHtml(v.lang)}" href="${escapeHtml(`${ctx.origin}${v.path}`)}">\n`,
    )
    .join('');
}

/** `?lang=` makes the choice stick (a cookie) before the server redirects to the clean URL. */
export function withLang(path: string, lang: string): string {
  const [before = '', hash] = path.split('#', 2);
  return `${before}${before.includes('?') ? '&' : '?'}lang=${lang}${hash ? `#${hash}` : ''}`;
}

/** Links to this page in each language, each named in its own language. */
function switcher(ctx: PageContext): string {
  if (ctx.versions.length < 2) return '';
  const items = ctx.versions
    .map((v) =>
      v.lang === ctx.locale
        ? `<li><a href="${escapeHtml(v.path)}" lang="${v.lang}" aria-current="true">${escapeHtml(endonym(v.lang))}</a></li>`
        : `<li><a href="${escapeHtml(withLang(v.path, v.lang))}" hreflang="${v.lang}" lang="${v.lang}">${escapeHtml(endonym(v.lang))}</a></li>`,
    )
    .join('');
  return `<nav class="langs" aria-label="${escapeHtml(ctx.t.language)}"><ul>${items}</ul></nav>`;
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
