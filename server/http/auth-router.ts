import { type Request, type Response, Router } from 'express';
import type { Server } from 'socket.io';
import { DomainError } from '../domain/errors.ts';
import { agentDTO, SESSION_TTL_MS } from '../domain/identity/agents.ts';
import { inviteAcceptSchema, inviteLookupSchema } from '../domain/identity/invites.ts';
import { hashToken } from '../lib/ids.ts';
import type { Logger } from '../lib/logger.ts';
import { ErrorCode } from '../protocol/errors.ts';
import { loginSchema } from '../protocol/schemas.ts';
import { readCookie, SESSION_COOKIE } from '../realtime/cookies.ts';
import { rooms } from '../realtime/rooms.ts';
import type { Services } from '../services.ts';
import { parse } from './errors.ts';
import { spend } from './spend.ts';
import { teamEvents } from './team-events.ts';

/** An httpOnly, SameSite=Lax session cookie; Secure when served over https. */
function setSessionCookie(req: Request, res: Response, token: string) {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    maxAge: SESSION_TTL_MS,
  });
}

/** Agent sign-in and sign-out, and invite links (look one up, accept it with a new password). */
export function createAuthRouter(services: Services, logger: Logger, io: Server): Router {
  const router = Router();
  const team = teamEvents(io);
  const log = logger.child({ module: 'auth' });
  const { signInsPerAddress, signInsPerAddressAndEmail, signInFailuresPerEmail, inviteLinksPerAddress } =
    services.budgets.http;
  const { invites } = services;
  const limitInvites = (req: Request) =>
    spend(inviteLinksPerAddress, req.ip ?? 'unknown', 'Too many attempts; wait a minute and try again');

  router.post('/login', async (req, res) => {
    const input = parse(loginSchema, req.body);
    const ip = req.ip ?? 'unknown';
    const email = input.email.toLowerCase();
    if (
      !signInsPerAddress.take(ip) ||
      !signInsPerAddressAndEmail.take(`${ip} ${email}`) ||
      !signInFailuresPerEmail.available(email)
    ) {
      throw new DomainError(ErrorCode.rateLimited, 'Too many sign-in attempts; wait a minute and try again');
    }
    const { token, agent } = await services.agents
      .signIn(input.email, input.password)
      .catch((err: unknown) => {
        signInFailuresPerEmail.take(email);
        throw err;
      });
    setSessionCookie(req, res, token);
    log.info({ agentId: agent.id }, 'agent signed in');
    res.json({ agent: agentDTO(agent) });
  });

  /** The token travels in the body, never in a URL, so it stays out of logs and Referer headers. */
  router.post('/invite', async (req, res) => {
    const { token } = parse(inviteLookupSchema, req.body);
    limitInvites(req);
    res.json(await invites.lookup(token));
  });

  router.post('/invite/accept', async (req, res) => {
    const { token, password } = parse(inviteAcceptSchema, req.body);
    limitInvites(req);
    const { agent, invite } = await invites.accept(token, password);
    setSessionCookie(req, res, await services.agents.startSession(agent.id));
    log.info({ agentId: agent.id }, 'invite accepted');
    team.agent(agent);
    team.invite({ id: invite.id, status: 'used' });
    res.status(201).json({ agent: agentDTO(agent) });
  });

  router.post('/logout', async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    await services.agents.signOut(token);
    // Its consoles stop receiving at once, on every node (the adapter carries the cut).
    if (token)
      io.of('/agent')
        .in(rooms.session(hashToken(token)))
        .disconnectSockets(true);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.get('/me', async (req, res) => {
    const agent = await services.agents.fromSession(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (!agent) throw new DomainError(ErrorCode.unauthorized, 'Not signed in');
    res.json({ agent: agentDTO(agent) });
  });
  return router;
}
