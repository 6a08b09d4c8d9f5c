import { createHash } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { isTranslationLocale, TRANSLATION_LOCALES } from '../../domain/knowledge-base/locales.ts';
import { articleUrl } from '../../domain/knowledge-base/localize.ts';
import { SLUG_PATTERN } from '../../domain/knowledge-base/slug.ts';
import type { KnowledgeBase } from '../../domain/knowledge-base/types.ts';
import { readCookie } from '../../realtime/cookies.ts';
import { isTrustedHost } from '../../realtime/origins.ts';
import type { Services } from '../../services.ts';
import { requireAllowedOrigin } from '../cors.ts';
import { parse } from '../errors.ts';
import { pageHeaders } from '../security-headers.ts';
import { spend } from '../spend.ts';
import { isLang, type Lang, negotiateLang, stringsFor } from './i18n.ts';
import type { PageContext, PageVersion } from './layout.ts';
import { articlePage, askFor, categoryPage, homePage, homePath, notFoundPage, searchPage } from './pages.ts';
import { robotsTxt, sitemapXml } from './sitemap.ts';
import { HELP_CSS, HELP_JS, themeCss } from './styles.ts';

/**
 * The console's kind of policy: scripts and styles only from Parley (the page's tiny script and the widget
 * loader), never inline; article images may come from https.
 */
export const HELP_CENTRE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; " +
  "connect-src 'self' ws: wss:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; " +
  "frame-ancestors 'none'";

const SLUG_SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const searchQuery = z.object({ q: z.string().trim().max(200).optional().default('') });
const voteForm = z.object({
  slug: z.string().regex(SLUG_PATTERN).max(200),
  helpful: z.enum(['yes', 'no']),
  locale: z.enum(TRANSLATION_LOCALES).optional(),
});

/** The visitor's choice from the language switcher, kept a year: it wins over Accept-Language. */
export const LANG_COOKIE = 'parley_lang';

export interface HelpCentreDeps {
  kb: KnowledgeBase;
  services: Pick<Services, 'settings' | 'selfService' | 'budgets'>;
  publicUrl: string | undefined;
}

/**
 * The public help centre: `/help` (home, categories, search), the article pages at `/kb/<slug>` (the URL
 * the widget, inserted links and emails already use), `/sitemap.xml` and `/robots.txt`. Server-rendered;
 * the only script is the one that opens the widget.
 */
export function createHelpCentreRouter(deps: HelpCentreDeps): Router {
  const { kb } = deps;
  const router = Router();

  const contentLocales = () => kb.locales?.() ?? ['en'];
  /** A language other than the default one that articles are published in. */
  const isOtherLocale = (l: string | undefined): l is string =>
    l !== undefined && l !== 'en' && contentLocales().includes(l);
  /** The switcher's choice, else the browser's first language the help centre speaks. */
  const preferred = (req: Request): Lang => {
    const chosen = readCookie(req.headers.cookie, LANG_COOKIE);
    return isLang(chosen) ? chosen : negotiateLang(req.get('accept-language'));
  };
  /** This page in every published language; `exists` tells whether that language has its own text for it. */
  const versions = (pathFor: (l: string) => string, exists: (l: string) => boolean): PageVersion[] =>
    contentLocales().map((l) => ({ lang: l, path: pathFor(l), exists: l === 'en' || exists(l) }));
  /**
   * A page without a language in its URL, asked for by a visitor who prefers one the page exists in: sent there
   * (302, varying on the headers that decided it). Crawlers send no preference and read the default language.
   */
  const redirected = (req: Request, res: Response, page: PageVersion[]): boolean => {
    res.vary('Accept-Language');
    res.vary('Cookie');
    const want = preferred(req);
    const target = want !== 'en' ? page.find((v) => v.lang === want && v.exists) : undefined;
    if (!target) return false;
    res.setHeader('Cache-Control', 'no-cache');
    res.redirect(302, `${target.path}${queryOf(req)}`);
    return true;
  };

  const context = async (req: Request, locale = 'en', page: PageVersion[] = []): Promise<PageContext> => {
    const lang = locale !== 'en' && isLang(locale) ? locale : preferred(req);
    const t = stringsFor(lang);
    const { widget } = await deps.services.settings.get();
    const host = req.get('host') ?? '';
    const origin = deps.publicUrl
      ? new URL(deps.publicUrl).origin
      : isTrustedHost(host)
        ? `${req.protocol}://${host}`
        : '';
    return {
      lang,
      t,
      site: widget.siteName || t.helpCentre,
      logoUrl: widget.logoUrl || undefined,
      origin,
      themeVersion: hash(widget.color).slice(0, 8),
      locale,
      home: homePath(locale),
      versions: page,
    };
  };

  /** Sends a page with its policy and an ETag over everything it depends on; 304 when the browser has it. */
  const send = (req: Request, res: Response, ctx: PageContext, html: string, status = 200) => {
    pageHeaders(res, HELP_CENTRE_CSP);
    res.vary('Accept-Language');
    res.vary('Cookie');
    const etag = `"${hash(html).slice(0, 27)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Content-Language', ctx.lang);
    if (status === 200 && matchesEtag(req.get('if-none-match'), etag)) {
      res.status(304).end();
      return;
    }
    res.status(status).type('html').send(html);
  };

  router.get('/help/help.css', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('css').send(HELP_CSS);
  });
  router.get('/help/theme.css', async (_req, res) => {
    const { widget } = await deps.services.settings.get();
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.type('css').send(themeCss(widget.color));
  });
  router.get('/help/help.js', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('text/javascript').send(HELP_JS);
  });

  // `?lang=es` (the switcher's links): remember the choice, then show the clean URL.
  router.get(['/help', '/help/*rest', '/kb/*rest'], (req, res, next) => {
    const lang = req.query.lang;
    if (typeof lang !== 'string' || !(lang === 'en' || isTranslationLocale(lang))) return next();
    const secure = req.secure ? '; Secure' : '';
    res.append('Set-Cookie', `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`);
    const url = new URL(req.originalUrl, 'http://parley.invalid');
    url.searchParams.delete('lang');
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, `${url.pathname.replace(/^\/+/, '/')}${url.search}`);
  });

  const home = async (req: Request, res: Response, locale: string) => {
    const page = versions(homePath, () => true);
    if (locale === 'en' && redirected(req, res, page)) return;
    const ctx = await context(req, locale, page);
    send(req, res, ctx, homePage(ctx, kb));
  };
  const search = async (req: Request, res: Response, locale: string) => {
    const { q } = parse(searchQuery, req.query);
    const path = (l: string) => `${homePath(l)}/search`;
    const page = versions(path, () => true);
    if (locale === 'en' && redirected(req, res, page)) return;
    const ctx = await context(req, locale, page);
    send(req, res, ctx, searchPage(ctx, q, q ? kb.search(q, 20, askFor(ctx)) : []));
  };
  const category = async (req: Request, res: Response, locale: string, slug: string) => {
    const found = kb.categories().find((c) => c.slug === slug && c.articles.length > 0);
    const page = versions(
      (l) => `${homePath(l)}/${slug}`,
      (l) =>
        !!kb
          .categories(l)
          .find((c) => c.slug === slug)
          ?.articles.some((a) => a.locale === l),
    );
    if (found && locale === 'en' && redirected(req, res, page)) return;
    const ctx = await context(req, locale, found ? page : []);
    const view = found ? kb.categories(askFor(ctx)).find((c) => c.slug === slug) : undefined;
    if (!view) send(req, res, ctx, notFoundPage(ctx), 404);
    else send(req, res, ctx, categoryPage(ctx, view));
  };

  router.get('/help', (req, res) => home(req, res, 'en'));
  router.get('/help/search', (req, res) => search(req, res, 'en'));
  router.post(
    '/help/vote',
    requireAllowedOrigin([], deps.publicUrl),
    express.urlencoded({ extended: false, limit: 1024 }),
    async (req, res) => {
      spend(deps.services.budgets.http.selfServiceEvents, req.ip ?? 'unknown', 'Too many votes; slow down');
      const vote = parse(voteForm, req.body ?? {});
      if (!kb.article(vote.slug)) {
        res.status(404).end();
        return;
      }
      await deps.services.selfService.record(
        [{ kind: 'vote', slug: vote.slug, helpful: vote.helpful === 'yes' }],
        req.ip ?? 'unknown',
      );
      res.redirect(303, `${articleUrl(vote.slug, vote.locale ?? 'en')}?voted=1#feedback`);
    },
  );
  router.get('/help/:locale', (req, res, next) => {
    if (!isOtherLocale(req.params.locale)) return next();
    return home(req, res, req.params.locale);
  });
  router.get('/help/:locale/search', (req, res, next) => {
    if (!isOtherLocale(req.params.locale)) return next();
    return search(req, res, req.params.locale);
  });
  router.get('/help/:locale/:category', (req, res, next) => {
    if (!isOtherLocale(req.params.locale)) return next();
    return category(req, res, req.params.locale, req.params.category);
  });
  router.get('/help/:category', (req, res) => category(req, res, 'en', req.params.category));

  router.get('/kb', (_req, res) => res.redirect(301, '/help'));
  router.get('/kb/*slug', async (req, res) => {
    const segments = (req.params as { slug?: string[] }).slug ?? [];
    // `/kb/es/<slug>`: the Spanish version (or, until there is one, the original with a notice).
    const locale = segments.length > 1 && isTranslationLocale(segments[0]) ? segments[0] : 'en';
    const rest = locale === 'en' ? segments : segments.slice(1);
    const slug = rest.every((s) => SLUG_SEGMENT.test(s)) ? rest.join('/') : '';
    const found = SLUG_PATTERN.test(slug)
      ? kb.article(slug, locale === 'en' ? undefined : locale)
      : undefined;
    const page = found
      ? versions(
          (l) => articleUrl(slug, l),
          (l) => kb.article(slug, l)?.locale === l,
        )
      : [];
    if (found && locale === 'en' && redirected(req, res, page)) return;
    // A former slug (front matter `aliases:`): moved for good, to the article's current URL in the same language.
    const moved = !found && SLUG_PATTERN.test(slug) ? kb.currentSlug?.(slug, locale) : undefined;
    if (moved) {
      // Revalidated each time: a browser keeping the redirect would loop if the article moved back here later.
      res.setHeader('Cache-Control', 'no-cache');
      res.redirect(301, `${articleUrl(moved, locale)}${queryOf(req)}`);
      return;
    }
    const ctx = await context(req, locale, page);
    if (!found) {
      send(req, res, ctx, notFoundPage(ctx), 404);
      return;
    }
    kb.recordView?.(slug);
    const inCategory = kb.categories(askFor(ctx)).find((c) => c.slug === found.category);
    send(req, res, ctx, articlePage(ctx, found, inCategory, req.query.voted === '1'));
  });

  router.get('/sitemap.xml', async (req, res) => {
    const ctx = await context(req);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('application/xml').send(sitemapXml(ctx.origin, kb));
  });
  router.get('/robots.txt', async (req, res) => {
    const ctx = await context(req);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('text/plain').send(robotsTxt(ctx.origin));
  });
  return router;
}

/** The query string of the request, `?` included ('' when there is none). */
function queryOf(req: Request): string {
  const at = req.originalUrl.indexOf('?');
  return at === -1 ? '' : req.originalUrl.slice(at);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  return (header ?? '').split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
