import { Router } from 'express';
import type { Server } from 'socket.io';
import { settingsSchema } from '../domain/settings.ts';
import type { Logger } from '../lib/logger.ts';
import type { Services } from '../services.ts';
import { parse } from './errors.ts';
import { requireAgent } from './require-agent.ts';

const SETTINGS_CHANGED = 'settings:changed';

/**
 * Workspace settings and content-gap reports, for the console. With many nodes (`io` over an adapter), a change
 * saved on one node is in force on the others at once: they drop their short settings cache.
 */
export function createAdminRouter(services: Services, logger: Logger, io?: Server): Router {
  const router = Router();
  const log = logger.child({ module: 'admin-http' });
  io?.on(SETTINGS_CHANGED, () => {
    services.settings.forget();
    services.routing
      .assignWaiting()
      .catch((err: unknown) => log.warn({ err }, 'assigning after a settings change failed'));
  });
  const admins = requireAgent(services, log, ['admin']);
  const editors = requireAgent(services, log, ['admin', 'editor']);

  router.get('/settings', requireAgent(services, log, ['admin', 'agent', 'editor']), async (_req, res) => {
    res.json(await services.settings.get());
  });
  router.put('/settings', admins, async (req, res) => {
    const updated = await services.settings.update(parse(settingsSchema, req.body));
    io?.serverSideEmit(SETTINGS_CHANGED);
    await services.routing.assignWaiting();
    res.json(updated);
  });

  /** Erases a closed conversation for good: its messages, events, report facts and files (GDPR erasure). */
  router.delete('/conversations/:id', admins, async (req, res) => {
    const by = (res.locals.agent as { id: string }).id;
    res.json(await services.erasure.erase(String(req.params.id), by));
  });

  /** What editors should write next: top searches with no result and articles voted "did not help". */
  router.get('/content-gaps', editors, async (req, res) => {
    const days = Math.min(365, Math.max(1, Number(req.query.days) || 30));
    // Files that do not parse, and articles visitors still see in their last good version.
    const gaps = await services.selfService.contentGaps(days);
    res.json({
      ...gaps,
      // Editors read titles, not slugs (an article no longer in the knowledge base keeps its slug).
      unhelpful: gaps.unhelpful.map((u) => ({ ...u, title: services.kb.article(u.slug)?.title ?? null })),
      knowledgeBase: services.kb.health?.() ?? null,
    });
  });
  return router;
}
