import { Router } from 'express';
import type { VisitorSessionResponse } from '../protocol/http.ts';
import { selfServiceEventsSchema, visitorSessionSchema } from '../protocol/schemas.ts';
import type { Services } from '../services.ts';
import { parse } from './errors.ts';
import { spend } from './spend.ts';

/** Issues visitor tokens (returned once, stored only as a hash) and takes the widget's self-service events. */
export function createVisitorRouter(services: Services): Router {
  const router = Router();
  const { visitorSessions, selfServiceEvents } = services.budgets.http;

  router.post('/session', async (req, res) => {
    spend(
      visitorSessions,
      req.ip ?? 'unknown',
      'Too many new sessions from this address; try again in a minute',
    );
    const input = parse(visitorSessionSchema, req.body ?? {});
    const { visitor, token } = await services.visitors.createSession(input.context);
    const body: VisitorSessionResponse = { visitorId: visitor.id, token };
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(body);
  });

  router.post('/events', async (req, res) => {
    spend(selfServiceEvents, req.ip ?? 'unknown', 'Too many events; slow down');
    await services.selfService.record(parse(selfServiceEventsSchema, req.body).events, req.ip ?? 'unknown');
    res.status(204).end();
  });

  // Whether a new visitor should see the queue or the message-and-email form.
  router.get('/availability', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await services.routing.availability());
  });
  return router;
}
