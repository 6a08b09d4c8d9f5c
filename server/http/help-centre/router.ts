import { createHash } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { SLUG_PATTERN } from '../../domain/knowledge-base/slug.ts';
import type { KnowledgeBase } from '../../domain/knowledge-base/types.ts';
import { isTrustedHost } from '../../realtime/origins.ts';
import type { Services } from '../../services.ts';
import { requireAllowedOrigin } from '../cors.ts';
import { parse } from '../errors.ts';
import { pageHeaders } from '../security-headers.ts';
import { spend } from '../spend.ts';
import { negotiateLang, stringsFor } from './i18n.ts';
import type { PageContext } from './layout.ts';
import { articlePage, categoryPage, homePage, notFoundPage, searchPage } from './pages.ts';
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
const voteForm = z.object({ slug: z.string().regex(SLUG_PATTERN).max(200), helpful: z.enum(['yes', 'no']) });

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

  const context = async (req: Request): Promise<PageContext> => {
    const lang = negotiateLang(req.get('accept-language'));
    const t = stringsFor(lang);
    const { widget } = await deps.services.settings.get();
    const host = req.get('host') ?? '';
    const origin = deps.publicUrl
      ? new URL(deps.publicUrl).origin
      : isTrustedHost(host)
        ? `${req.protocol}://${host}`
        : '';
    return { lang, t, site: t.helpCentre, origin, themeVersion: hash(widget.color).slice(0, 8) };
  };

  /** Sends a page with its policy and an ETag over everything it depends on; 304 when the browser has it. */
  const send = (req: Request, res: Response, ctx: PageContext, html: string, status = 200) => {
    pageHeaders(res, HELP_CENTRE_CSP);
    res.vary('Accept-Language');
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

  router.get('/help', async (req, res) => {
    const ctx = await context(req);
    send(req, res, ctx, homePage(ctx, kb));
  });
  router.get('/help/search', async (req, res) => {
    const ctx = await context(req);
    const { q } = parse(searchQuery, req.query);
    send(req, res, ctx, searchPage(ctx, q, q ? kb.search(q, 20) : []));
  });
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
      res.redirect(303, `/kb/${vote.slug}?voted=1#feedback`);
    },
  );
  router.get('/help/:category', async (req, res) => {
    const ctx = await context(req);
    const category = kb.categories().find((c) => c.slug === req.params.category && c.articles.length > 0);
    if (!category) send(req, res, ctx, notFoundPage(ctx), 404);
    else send(req, res, ctx, categoryPage(ctx, category));
  });

  router.get('/kb', (_req, res) => res.redirect(301, '/help'));
  router.get('/kb/*slug', async (req, res) => {
    const ctx = await context(req);
    const segments = (req.params as { slug?: string[] }).slug ?? [];
    const slug = segments.every((s) => SLUG_SEGMENT.test(s)) ? segments.join('/') : '';
    const article = SLUG_PATTERN.test(slug) ? kb.article(slug) : undefined;
    if (!article) {
      send(req, res, ctx, notFoundPage(ctx), 404);
      return;
    }
    kb.recordView?.(slug);
    const category = kb.categories().find((c) => c.slug === article.category);
    send(req, res, ctx, articlePage(ctx, article, category, req.query.voted === '1'));
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

function matchesEtag(header: string | undefined, etag: string): boolean {
  return (header ?? '').split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
