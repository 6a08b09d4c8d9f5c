import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { sessionEventsSchema } from '../domain/reports/session-events.ts';
import { answerWithArticle } from '../domain/search-learning/answer-with-article.ts';
import { LearningRefused } from '../domain/search-learning/learning.ts';
import type { Logger } from '../lib/logger.ts';
import { ErrorCode } from '../protocol/errors.ts';
import type { Services } from '../services.ts';
import { parse } from './errors.ts';
import { requireAgent } from './require-agent.ts';
import { spend } from './spend.ts';

const signalSchema = z
  .object({
    query: z.string().trim().min(1).max(200),
    slug: z.string().min(1).max(200),
    kind: z.enum(['helpful', 'read']),
    /** The widget's random per-tab session id: distinct visitors are distinct sessions. */
    session: z.string().min(16).max(64),
  })
  .strict();

const pairSchema = z
  .object({ query: z.string().trim().min(1).max(200), slug: z.string().min(1).max(200) })
  .strict();

function learningOf(services: Services) {
  if (!services.learning) throw new DomainError(ErrorCode.notFound, 'Search learning is not enabled');
  return services.learning;
}

/** `POST /api/kb/signals`: a visitor found an article answered their query (from the widget). */
export function createLearningSignalsRouter(services: Services): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    spend(services.budgets.http.selfServiceEvents, req.ip ?? 'unknown', 'Too many events; slow down');
    const input = parse(signalSchema, req.body);
    try {
      const counted = await learningOf(services).record({
        query: input.query,
        slug: input.slug,
        kind: input.kind,
        visitor: input.session,
        address: req.ip ?? 'unknown',
      });
      res.status(202).json({ counted });
    } catch (error) {
      if (error instanceof LearningRefused) throw new DomainError(ErrorCode.validation, error.message);
      throw error;
    }
  });
  return router;
}

/**
 * Mounted before `POST /api/reports/sessions`: once that route has accepted a batch of the widget's funnel
 * (validated, within its per-address rate limit), search learning reads it for articles opened from a
 * search's results and sessions that asked for a person ("read it and did not escalate").
 */
export function learnFromFunnel(services: Services, logger: Logger): RequestHandler {
  const log = logger.child({ module: 'learning-http' });
  return (req, res, next) => {
    const learning = services.learning;
    if (learning)
      res.on('finish', () => {
        if (res.statusCode >= 300) return;
        const batch = sessionEventsSchema.safeParse(req.body);
        if (!batch.success) return;
        learning.observeSession(batch.data, req.ip ?? 'unknown').catch((error: unknown) => {
          log.warn({ err: error }, 'search learning: could not note a session');
        });
      });
    next();
  };
}

/** `/api/admin/learning`: what search learned from visitors, for editors to see and revert; editors' answers. */
export function createLearningRouter(services: Services, logger: Logger): Router {
  const router = Router();
  const editors = requireAgent(services, logger.child({ module: 'learning-http' }), ['admin', 'editor']);

  router.get('/', editors, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ entries: await learningOf(services).list() });
  });

  router.post('/revert', editors, async (req, res) => {
    const { query, slug } = parse(pairSchema, req.body);
    await learningOf(services).revert(query, slug, (res.locals.agent as { id: string }).id);
    res.status(204).end();
  });

  /** "Answer with an article": the query becomes one of the article's `questions:` in its Markdown file. */
  router.post('/answers', editors, async (req, res) => {
    const { query, slug } = parse(pairSchema, req.body);
    const file = services.kb.sourcePath?.(slug);
    if (!file) throw new DomainError(ErrorCode.notFound, 'Article not found');
    const added = await answerWithArticle(file, query);
    await services.kb.reload?.();
    res.status(added ? 201 : 200).json({ slug, query, added });
  });
  return router;
}
