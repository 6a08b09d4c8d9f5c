import type { RequestHandler } from 'express';
import { DomainError } from '../domain/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { AgentRole } from '../protocol/dto.ts';
import { ErrorCode } from '../protocol/errors.ts';
import { readCookie, SESSION_COOKIE } from '../realtime/cookies.ts';
import type { Services } from '../services.ts';

/**
 * Lets the request through only for a signed-in, enabled agent with one of the roles; the agent is in
 * res.locals.agent. An agent who signed in with a one-time password is refused (password_change_required)
 * until they choose their own, except where `opts.beforePasswordChange` says the route is the way to do so.
 */
export function requireAgent(
  services: Services,
  _logger: Logger,
  roles: readonly AgentRole[],
  opts: { beforePasswordChange?: boolean } = {},
): RequestHandler {
  return async (req, res, next) => {
    const agent = await services.agents.fromSession(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (!agent) throw new DomainError(ErrorCode.unauthorized, 'Sign in first');
    if (!roles.includes(agent.role as AgentRole))
      throw new DomainError(ErrorCode.forbidden, 'Your role does not allow this');
    if (agent.mustChangePassword && !opts.beforePasswordChange) {
      throw new DomainError(
        ErrorCode.passwordChangeRequired,
        'Choose your own password first: you signed in with a one-time password',
      );
    }
    res.locals.agent = agent;
    next();
  };
}
