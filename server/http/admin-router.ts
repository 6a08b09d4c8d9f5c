import { Router } from 'express';
import { settingsSchema } from '../domain/settings.ts';
import type { Logger } from '../lib/logger.ts';
import type { Services } from '../services.ts';
import { parse, sendError } from './errors.ts';
import { requireAgent } from './require-agent.ts';

/** Workspace settings and content-gap reports, for the console. */
export function createAdminRouter(services: Services, logger: Logger): Router {
  const router = Router();
  const log = logger.child({ module: 'admin-http' });
  const admins = requireAgent(services, log, ['admin']);
  const editors = requireAgent(services, log, ['admin', 'editor']);

  router.get('/settings', requireAgent(services, log, ['admin', 'agent', 'editor']), async (_req, res) => {
    res.json(await services.settings.get());
  });
  router.put('/settings', admins, async (req, res) => {
    try {
      const updated = await services.settings.update(parse(settingsSchema, req.body));
      await services.routing.assignWaiting();
      res.json(updated);
    } catch (err) {
      sendError(res, err, log);
    }
  });

  /** What editors should write next: top searches with no result and articles voted "did not help". */
  router.get('/content-gaps', editors, async (req, res) => {
    try {
      const days = Math.min(365, Math.max(1, Number(req.query.days) || 30));
      const since = new Date(Date.now() - days * 86_400_000).toISOString();
      const [unanswered, unhelpful] = await Promise.all([
        services.store.searches.unanswered(since, 50),
        services.store.feedback.unhelpful(since, 50),
      ]);
      // Files that do not parse, and articles visitors still see in their last good version.
      res.json({ days, unanswered, unhelpful, knowledgeBase: services.kb.health?.() ?? null });
    } catch (err) {
      sendError(res, err, log);
    }
  });
  return router;
}
