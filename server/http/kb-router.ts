import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { type Request, Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import type { HybridSearch } from '../domain/knowledge-base/embedder/hybrid-search.ts';
import { knowledgeBaseLocale, splitLocaleSlug } from '../domain/knowledge-base/locales.ts';
import { SLUG_PATTERN } from '../domain/knowledge-base/slug.ts';
import type { KnowledgeBase } from '../domain/knowledge-base/types.ts';
import type { SearchLearning } from '../domain/search-learning/learning.ts';
import type { Logger } from '../lib/logger.ts';
import { ErrorCode } from '../protocol/errors.ts';
import { parse } from './errors.ts';

export interface KbRouterDeps {
  kb: KnowledgeBase;
  logger: Logger;
  /** Called after every search, for analytics (e.g. searches that found nothing). */
  onSearch?: (e: { query: string; resultCount: number }) => void;
  /** What visitors taught search (learned boosts); absent, results are the index's alone. */
  learning?: SearchLearning;
  /** BM25 fused with an embedder, when one is configured. */
  semantic?: HybridSearch;
}

/**
 * The visitor's language (`es`, `es-MX`): articles in it when translated, else in the default language. A
 * language Parley has no articles folder for reads as the default one; anything not shaped like a tag is refused.
 */
const locale = z
  .string()
  .regex(/^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$/, 'locale must be a language tag such as es or es-MX')
  .max(35)
  .transform((v) => knowledgeBaseLocale(v) ?? 'en')
  .optional();

const searchQuery = z.object({
  q: z.string().trim().min(1, 'q must not be empty').max(200, 'q must be at most 200 characters'),
  limit: z.coerce.number().int().min(1).max(20).default(5),
  locale,
});

const suggestionsQuery = z.object({
  url: z.string().max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
  locale,
});

const localeQuery = z.object({ locale });

/** One segment of an article slug; anything else ("..", encoded slashes, NUL) is refused before lookup. */
const SLUG_SEGMENT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** One segment of an asset path: no leading dot, no separators, no control characters. */
const ASSET_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._ -]*$/;

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/** Knowledge-base HTTP API, mounted at `/api/kb`. Reads only from the loaded index, never from a slug-built path. */
export function createKbRouter(deps: KbRouterDeps): Router {
  const { kb } = deps;
  const logger = deps.logger.child({ module: 'kb-router' });
  const router = Router();

  router.get('/search', async (req, res) => {
    const { q, limit, locale } = parse(searchQuery, req.query);
    const base = (query: string, n: number) =>
      deps.semantic ? deps.semantic.search(query, n) : kb.search(query, n);
    // Another language has its own index (learned boosts and embeddings are the default language's).
    const results =
      locale && locale !== 'en' && kb.locales?.().includes(locale)
        ? kb.search(q, limit, locale)
        : deps.learning
          ? await deps.learning.search(q, limit, base)
          : await base(q, limit);
    try {
      // Related matches are not answers: a query with only those is still a content gap.
      deps.onSearch?.({ query: q, resultCount: results.filter((r) => !r.related).length });
    } catch (error) {
      logger.warn({ err: error }, 'onSearch callback failed');
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.json({ query: q, results });
  });

  router.get('/articles/*slug', (req, res) => {
    // `es/orders/track-your-order` (a link inside a Spanish article) is `orders/track-your-order` in Spanish.
    const path = slugFrom(req);
    const split = path ? splitLocaleSlug(path) : undefined;
    const asked =
      parse(localeQuery, req.query).locale ?? (split?.locale !== 'en' ? split?.locale : undefined);
    // A former slug (front matter `aliases:`) answers with the article under its current slug.
    const slug = split ? (kb.currentSlug?.(split.slug, asked) ?? split.slug) : undefined;
    const article = slug ? kb.article(slug, asked) : undefined;
    if (!slug || !article) throw notFound('Article not found');
    const key = `${kb.version}:${slug}:${asked ?? ''}`;
    const etag = `"${createHash('sha1').update(key).digest('base64url').slice(0, 20)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'public, max-age=60');
    if (matchesEtag(req.get('If-None-Match'), etag)) return res.status(304).end();
    kb.recordView?.(slug);
    res.json(article);
  });

  router.get('/categories', (req, res) => {
    const { locale: asked } = parse(localeQuery, req.query);
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.json({ categories: kb.categories(asked) });
  });

  router.get('/suggestions', (req, res) => {
    const { url, limit, locale: asked } = parse(suggestionsQuery, req.query);
    res.json({ articles: kb.suggestions(url, limit, asked) });
  });

  router.get('/assets/*path', (req, res, next) => {
    const segments = (req.params as { path?: string[] }).path ?? [];
    if (segments.length === 0 || !segments.every((s) => ASSET_SEGMENT.test(s) && !s.includes('..'))) {
      throw notFound('Asset not found');
    }
    const absolute = kb.assetPath(segments.join('/'));
    const type = IMAGE_TYPES[extname(segments[segments.length - 1] ?? '').toLowerCase()];
    if (!absolute || !type) throw notFound('Asset not found');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'public, max-age=300');
    if (type === 'image/svg+xml') {
      // SVG can carry script: never let it run as a document of our origin.
      res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
      res.setHeader('Content-Disposition', 'attachment');
    }
    res.type(type);
    res.sendFile(absolute, { dotfiles: 'allow' }, (error) => {
      if (error && !res.headersSent) next(notFound('Asset not found'));
    });
  });

  return router;
}

function slugFrom(req: Request): string | undefined {
  const segments = (req.params as { slug?: string[] }).slug ?? [];
  if (segments.length === 0 || !segments.every((s) => SLUG_SEGMENT.test(s))) return undefined;
  const slug = segments.join('/');
  return SLUG_PATTERN.test(slug) ? slug : undefined;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

function notFound(message: string): DomainError {
  return new DomainError(ErrorCode.notFound, message);
}
