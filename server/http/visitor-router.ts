import { Router } from 'express';
import { DomainError } from '../domain/errors.ts';
import type { Logger } from '../lib/logger.ts';
import { RateLimiter } from '../lib/rate-limit.ts';
import { ErrorCode } from '../protocol/errors.ts';
import type { VisitorSessionResponse } from '../protocol/http.ts';
import { selfServiceEventsSchema, visitorSessionSchema } from '../protocol/schemas.ts';
import type { Services } from '../services.ts';
import { parse, sendError } from './errors.ts';

/** Issues visitor tokens. The token is returned once and stored only as a hash. */
export function createVisitorRouter(services: Services, logger: Logger): Router {
  const router = Router();
  const log = logger.child({ module: 'visitor-http' });
  const perIp = new RateLimiter(20, 20 / 60);

  router.post('/session', async (req, res) => {
    try {
      if (!perIp.take(req.ip ?? 'unknown')) {
        throw new DomainError(
          ErrorCode.rateLimited,
          'Too many new sessions from this address; try again in a minute',
        );
      }
      const input = parse(visitorSessionSchema, req.body ?? {});
      const { visitor, token } = await services.visitors.createSession(input.context);
      const body: VisitorSessionResponse = { visitorId: visitor.id, token };
      res.setHeader('Cache-Control', 'no-store');
      res.status(201).json(body);
    } catch (err) {
      sendError(res, err, log);
    }
  });
  const perIpEvents = new RateLimiter(60, 1);
  router.post('/events', async (req, res) => {
    try {
      if (!perIpEvents.take(req.ip ?? 'unknown'))
        throw new DomainError(ErrorCode.rateLimited, 'Too many events; slow down');
      const { events } = parse(selfServiceEventsSchema, req.body);
      const at = new Date().toISOString();
      for (const e of events) {
        if (e.kind === 'search') await services.store.searches.add(e.query, e.resultCount, null, at);
        else await services.store.feedback.add(e.slug, e.helpful, e.query ?? null, null, at);
      }
      res.status(204).end();
    } catch (err) {
      sendError(res, err, log);
    }
  });

  // Whether a new visitor should see the queue or the message-and-email form.
  router.get('/availability', async (_req, res) => {
    try {
      res.setHeader('Cache-Control', 'no-store');
      res.json(await services.routing.availability());
    } catch (err) {
      sendError(res, err, log);
    }
  });
  return router;
}
