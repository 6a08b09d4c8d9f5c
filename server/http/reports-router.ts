import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { reportRange } from '../domain/reports/range.ts';
import type { Reports, Viewer } from '../domain/reports/reports.ts';
import { sessionEventsSchema } from '../domain/reports/session-events.ts';
import { reportSettingsSchema } from '../domain/reports/weekly-email.ts';
import type { Logger } from '../lib/logger.ts';
import type { RateLimiter } from '../lib/rate-limit.ts';
import { ErrorCode } from '../protocol/errors.ts';
import type { Services } from '../services.ts';
import { DRILL_METRICS } from '../storage/reports-drill.ts';
import type { AgentRow } from '../storage/store.ts';
import { parse } from './errors.ts';
import { requireAgent } from './require-agent.ts';

/**
 * `/api/reports/*`: the figures behind the console's Reports screen. Every figure endpoint takes
 * `from`, `to` (YYYY-MM-DD, both included) and `tz` (an IANA zone; the workspace's when absent).
 * Admins see everything; agents the team's figures and their own row; editors the self-service ones.
 */
export function createReportsRouter(services: Services, reports: Reports, logger: Logger): Router {
  const router = Router();
  const { settings } = reports;
  const log = logger.child({ module: 'reports-http' });
  const anyone = requireAgent(services, log, ['admin', 'agent', 'editor']);
  const team = requireAgent(services, log, ['admin', 'agent']);
  const admins = requireAgent(services, log, ['admin']);

  const viewer = (res: Response): Viewer => {
    const a = res.locals.agent as AgentRow;
    return { role: a.role as Viewer['role'], agentId: a.id };
  };
  const range = async (req: Request) => reportRange(req.query, await reports.timeZone());
  // A thrown DomainError reaches the central error handler (Express 5 forwards rejected handlers).
  const answer =
    (fn: (req: Request, res: Response) => Promise<unknown>) => async (req: Request, res: Response) => {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await fn(req, res));
    };

  router.get(
    '/summary',
    anyone,
    answer(async (req, res) => {
      const { hours } = parse(hoursSchema, { hours: req.query.hours });
      return reports.summary(await range(req), viewer(res), { businessHours: hours === 'business' });
    }),
  );
  router.get(
    '/series',
    team,
    answer(async (req) => reports.series(await range(req))),
  );
  router.get(
    '/heatmap',
    team,
    answer(async (req) => reports.heatmap(await range(req))),
  );
  router.get(
    '/agents',
    team,
    answer(async (req, res) => reports.agents(await range(req), viewer(res))),
  );
  router.get(
    '/csat',
    team,
    answer(async (req, res) => reports.csat(await range(req), viewer(res))),
  );
  router.get(
    '/funnel',
    anyone,
    answer(async (req) => reports.funnel(await range(req))),
  );
  router.get(
    '/articles',
    anyone,
    answer(async (req) => reports.articles(await range(req))),
  );
  router.get(
    '/top-searches',
    anyone,
    answer(async (req) => {
      const limit = Number(req.query.limit ?? 20);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100)
        throw new DomainError(ErrorCode.validation, 'limit: a whole number from 1 to 100', [
          { path: 'limit', message: 'a whole number from 1 to 100' },
        ]);
      return reports.topSearches(await range(req), limit);
    }),
  );
  router.get(
    '/conversations',
    team,
    answer(async (req, res) => {
      const { from: _f, to: _t, tz: _z, ...params } = req.query;
      const q = parse(drillSchema, params);
      const me = viewer(res);
      // Agents see the team's counts and their own row, so they may open those; another agent's row is not theirs.
      if (q.agent !== undefined && me.role !== 'admin' && q.agent !== me.agentId)
        throw new DomainError(ErrorCode.forbidden, "Only admins see another agent's conversations");
      const found = await reports.conversations(await range(req), {
        metric: q.metric,
        ...(q.agent !== undefined ? { agentId: q.agent } : {}),
        page: q.page ?? 1,
        limit: q.limit ?? 50,
      });
      const { ids, ...rest } = found;
      const rows = await Promise.all(ids.map((id) => services.reads.byId(id)));
      const queue = await services.conversations.queueFacts();
      const conversations = await Promise.all(
        rows.flatMap((c) => (c ? [services.conversations.forAgent(c, queue)] : [])),
      );
      return { ...rest, conversations };
    }),
  );
  router.get(
    '/now',
    team,
    answer(async () => reports.now()),
  );
  router.get(
    '/meta',
    anyone,
    answer(async () => ({ timeZone: await reports.timeZone() })),
  );
  router.get(
    '/settings',
    admins,
    answer(async () => settings.get()),
  );
  router.put(
    '/settings',
    admins,
    answer(async (req) => settings.put(parse(reportSettingsSchema.strict(), req.body))),
  );
  return router;
}

/** `hours=business`: the summary adds first response counted within the workspace's opening hours. */
const hoursSchema = z.object({ hours: z.enum(['all', 'business']).optional() });

const drillSchema = z
  .object({
    metric: z.enum(DRILL_METRICS),
    agent: z.string().min(1).max(64).optional(),
    page: z.coerce.number().int().min(1).max(10_000).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();

/** `POST /api/reports/sessions`, from the widget on the customer's site: an engaged session's funnel steps. */
export function createSessionEventsRouter(reports: Reports, perAddress: RateLimiter): Router {
  const router = Router();
  router.post('/', async (req, res) => {
    if (!perAddress.take(req.ip ?? 'unknown'))
      throw new DomainError(ErrorCode.rateLimited, 'Too many events; slow down');
    await reports.recordSession(parse(sessionEventsSchema, req.body));
    res.status(204).end();
  });
  return router;
}
