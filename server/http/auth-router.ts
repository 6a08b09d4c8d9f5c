import { Router } from 'express';
import { DomainError } from '../domain/errors.ts';
import { agentDTO, SESSION_TTL_MS } from '../domain/identity/agents.ts';
import type { Logger } from '../lib/logger.ts';
import { RateLimiter } from '../lib/rate-limit.ts';
import { ErrorCode } from '../protocol/errors.ts';
import { loginSchema } from '../protocol/schemas.ts';
import { readCookie, SESSION_COOKIE } from '../realtime/cookies.ts';
import type { Services } from '../services.ts';
import { parse, sendError } from './errors.ts';

/** Agent sign-in: an httpOnly, SameSite=Lax session cookie; Secure when served over https. */
export function createAuthRouter(services: Services, logger: Logger): Router {
  const router = Router();
  const log = logger.child({ module: 'auth' });
  const perIp = new RateLimiter(10, 10 / 60);
  const perEmail = new RateLimiter(10, 10 / 300);

  router.post('/login', async (req, res) => {
    try {
      const input = parse(loginSchema, req.body);
      if (!perIp.take(req.ip ?? 'unknown') || !perEmail.take(input.email.toLowerCase())) {
        throw new DomainError(
          ErrorCode.rateLimited,
          'Too many sign-in attempts; wait a minute and try again',
        );
      }
      const { token, agent } = await services.agents.signIn(input.email, input.password);
      res.cookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.secure,
        path: '/',
        maxAge: SESSION_TTL_MS,
      });
      log.info({ agentId: agent.id }, 'agent signed in');
      res.json({ agent: agentDTO(agent) });
    } catch (err) {
      sendError(res, err, log);
    }
  });

  router.post('/logout', async (req, res) => {
    try {
      await services.agents.signOut(readCookie(req.headers.cookie, SESSION_COOKIE));
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
    } catch (err) {
      sendError(res, err, log);
    }
  });

  router.get('/me', async (req, res) => {
    try {
      const agent = await services.agents.fromSession(readCookie(req.headers.cookie, SESSION_COOKIE));
      if (!agent) throw new DomainError(ErrorCode.unauthorized, 'Not signed in');
      res.json({ agent: agentDTO(agent) });
    } catch (err) {
      sendError(res, err, log);
    }
  });
  return router;
}
