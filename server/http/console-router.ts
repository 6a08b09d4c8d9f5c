import { type Request, Router } from 'express';
import type { Server } from 'socket.io';
import { z } from 'zod';
import { DomainError, notFound } from '../domain/errors.ts';
import type { Mail, Mailer } from '../domain/follow-up/mailer.ts';
import { AgentAdmin, agentPatchSchema, newAgentSchema } from '../domain/identity/agent-admin.ts';
import { agentDTO } from '../domain/identity/agents.ts';
import { inviteEmail, sendInviteEmail } from '../domain/identity/invite-email.ts';
import { Invites, inviteDTO, inviteRequestSchema, inviteUrl } from '../domain/identity/invites.ts';
import { passwordChangeSchema, passwordChooseSchema } from '../domain/identity/password-policy.ts';
import {
  SavedReplies,
  savedReplyDTO,
  savedReplyInputSchema,
  savedReplyPatchSchema,
} from '../domain/saved-replies.ts';
import { systemClock } from '../lib/clock.ts';
import { randomIds } from '../lib/ids.ts';
import type { Logger } from '../lib/logger.ts';
import { RateLimiter } from '../lib/rate-limit.ts';
import type { InviteCreatedResponse, InviteEmailOutcome } from '../protocol/accounts.ts';
import { ErrorCode } from '../protocol/errors.ts';
import { readCookie, SESSION_COOKIE } from '../realtime/cookies.ts';
import { rooms } from '../realtime/rooms.ts';
import type { Services } from '../services.ts';
import type { AgentRow } from '../storage/store.ts';
import { parse, sendError } from './errors.ts';
import { requireAgent } from './require-agent.ts';
import { teamEvents } from './team-events.ts';

const searchQuerySchema = z
  .object({
    q: z.string().trim().min(2, 'at least 2 characters').max(100),
    status: z.enum(['waiting', 'assigned', 'closed']).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();

/** Per-agent console preferences; kept on the server so they follow the agent to any computer. */
export const preferencesSchema = z
  .object({
    soundNewConversation: z.boolean(),
    soundNewMessage: z.boolean(),
    desktopNewConversation: z.boolean(),
    desktopNewMessage: z.boolean(),
  })
  .strict();
export type ConsolePreferences = z.infer<typeof preferencesSchema>;
export const DEFAULT_PREFERENCES: ConsolePreferences = {
  soundNewConversation: true,
  soundNewMessage: true,
  desktopNewConversation: true,
  desktopNewMessage: true,
};

const idParam = z.string().min(1).max(64);
const me = (res: { locals: Record<string, unknown> }) => res.locals.agent as AgentRow;
const param = (req: Request, name: string) => parse(idParam, req.params[name]);

/**
 * Console-only resources: conversation search, saved replies, preferences, one's own password, agent
 * administration and invites. Mounted at /api/console.
 */
export function createConsoleRouter(
  services: Services,
  logger: Logger,
  io: Server,
  publicUrl?: string | undefined,
  mailer?: Mailer | undefined,
): Router {
  const router = Router();
  const log = logger.child({ module: 'console-http' });
  const answerers = requireAgent(services, log, ['admin', 'agent']);
  const anyone = requireAgent(services, log, ['admin', 'agent', 'editor']);
  const admins = requireAgent(services, log, ['admin']);
  const firstSignIn = requireAgent(services, log, ['admin', 'agent', 'editor'], {
    beforePasswordChange: true,
  });
  const deps = { store: services.store, clock: systemClock, ids: randomIds };
  const replies = new SavedReplies(deps);
  const accounts = new AgentAdmin({
    store: services.store,
    agents: services.agents,
    conversations: services.conversations,
  });
  const invites = new Invites({ ...deps, agents: services.agents });
  const passwordTries = new RateLimiter(5, 5 / 300);
  const agentsNsp = io.of('/agent');
  const team = teamEvents(io);
  const announce = team.agent;

  /** Search every conversation by visitor name, email or message text (the Closed list's search box). */
  router.get('/conversations', answerers, async (req, res) => {
    try {
      const q = parse(searchQuerySchema, req.query);
      const rows = await services.store.conversations.search(q.q, {
        ...(q.status ? { status: q.status } : {}),
        limit: q.limit ?? 50,
      });
      const queue = await services.conversations.queueFacts();
      res.json({
        conversations: await Promise.all(rows.map((c) => services.conversations.forAgent(c, queue))),
      });
    } catch (err) {
      sendError(res, err, log);
    }
  });

  router.get('/saved-replies', answerers, async (_req, res) => {
    try {
      res.json({ savedReplies: (await replies.list()).map(savedReplyDTO) });
    } catch (err) {
      sendError(res, err, log);
    }
  });
  router.post('/saved-replies', answerers, async (req, res) => {
    try {
      const row = await replies.create(me(res), parse(savedReplyInputSchema, req.body));
      res.status(201).json({ savedReply: savedReplyDTO(row) });
    } catch (err) {
      sendError(res, err, log);
    }
  });
  router.patch('/saved-replies/:id', answerers, async (req, res) => {
    try {
      const row = await replies.update(me(res), param(req, 'id'), parse(savedReplyPatchSchema, req.body));
      res.json({ savedReply: savedReplyDTO(row) });
    } catch (err) {
      sendError(res, err, log);
    }
  });
  router.delete('/saved-replies/:id', answerers, async (req, res) => {
    try {
      await replies.remove(me(res), param(req, 'id'));
      res.status(204).end();
    } catch (err) {
      sendError(res, err, log);
    }
  });

  const prefsKey = (agentId: string) => `agent-preferences:${agentId}`;
  router.get('/preferences', anyone, async (_req, res) => {
    try {
      const stored = preferencesSchema.safeParse(await services.store.settings.get(prefsKey(me(res).id)));
      res.json({ preferences: stored.success ? stored.data : DEFAULT_PREFERENCES });
    } catch (err) {
      sendError(res, err, log);
    }
  });
  router.put('/preferences', anyone, async (req, res) => {
    try {
      const preferences = parse(preferencesSchema, req.body);
      await services.store.settings.put(prefsKey(me(res).id), preferences, new Date().toISOString());
      res.json({ preferences });
    } catch (err) {
      sendError(res, err, log);
    }
  });

  router.get('/agents', admins, async (_req, res) => {
    try {
      res.json({ agents: (await services.agents.list()).map(agentDTO) });
    } catch (err) {
      sendError(res, err, log);
    }
  });
  router.post('/agents', admins, async (req, res) => {
    try {
      const { agent, password } = await accounts.create(parse(newAgentSchema, req.body));
      log.info({ agentId: agent.id, by: me(res).id }, 'agent created');
      announce(agent);
      res.status(201).json({ agent: agentDTO(agent), password });
    } catch (err) {
      sendError(res, err, log);
    }
  });
  router.patch('/agents/:id', admins, async (req, res) => {
    try {
      const id = param(req, 'id');
      const before = await services.store.agents.byId(id);
      if (!before) throw notFound('Agent');
      const { agent } = await accounts.update(me(res), id, parse(agentPatchSchema, req.body));
      // A disabled account or a new role: its consoles reconnect (or fail to) with the new rights at once.
      if (agent.disabled || agent.role !== before.role) agentsNsp.in(rooms.agent(id)).disconnectSockets(true);
      log.info({ agentId: id, by: me(res).id, disabled: agent.disabled, role: agent.role }, 'agent changed');
      announce(agent);
      res.json({ agent: agentDTO(agent) });
    } catch (err) {
      sendError(res, err, log);
    }
  });
  router.post('/agents/:id/password', admins, async (req, res) => {
    try {
      const { agent, password } = await accounts.resetPassword(param(req, 'id'));
      agentsNsp.in(rooms.agent(agent.id)).disconnectSockets(true);
      log.info({ agentId: agent.id, by: me(res).id }, 'agent password reset');
      res.json({ agent: agentDTO(agent), password });
    } catch (err) {
      sendError(res, err, log);
    }
  });
  /** One's own password. Every other session of the agent ends, and its consoles are dropped; this one stays. */
  router.post('/password', anyone, async (req, res) => {
    try {
      const input = parse(passwordChangeSchema, req.body);
      const agent = me(res);
      if (!passwordTries.take(agent.id)) {
        throw new DomainError(ErrorCode.rateLimited, 'Too many attempts; wait a few minutes and try again');
      }
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      await services.agents.changePassword(agent, input.currentPassword, input.newPassword, token);
      for (const s of await agentsNsp.in(rooms.agent(agent.id)).fetchSockets()) {
        if ((s.data as { token?: string }).token !== token) s.disconnect(true);
      }
      log.info({ agentId: agent.id }, 'agent changed their password');
      res.status(204).end();
    } catch (err) {
      sendError(res, err, log);
    }
  });

  /**
   * The first password of one's own, after signing in with a one-time password (the only console route such
   * a session may use). Every other session of the agent ends; this one stays and the console opens.
   */
  router.post('/password/choose', firstSignIn, async (req, res) => {
    try {
      const { newPassword } = parse(passwordChooseSchema, req.body);
      if (!passwordTries.take(me(res).id)) {
        throw new DomainError(ErrorCode.rateLimited, 'Too many attempts; wait a few minutes and try again');
      }
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      const agent = await services.agents.choosePassword(me(res), newPassword, token);
      log.info({ agentId: agent.id }, 'agent chose their own password');
      announce(agent);
      res.json({ agent: agentDTO(agent) });
    } catch (err) {
      sendError(res, err, log);
    }
  });

  /** The invite link by email: the invite stands whatever happens, and the admin still sees the link. */
  const emailInvite = async (mail: Mail, inviteId: string): Promise<InviteEmailOutcome> => {
    const { outcome, error } = await sendInviteEmail(mailer, mail);
    if (outcome === 'failed') log.warn({ inviteId, err: error }, 'invite email could not be sent');
    else log.info({ inviteId, to: mailer?.describe }, 'invite emailed');
    return outcome;
  };

  const inviteNames = async () => new Map((await services.agents.list()).map((a) => [a.id, a.name]));
  router.get('/invites', admins, async (_req, res) => {
    try {
      const [rows, names] = await Promise.all([invites.pending(), inviteNames()]);
      res.json({ invites: rows.map((i) => inviteDTO(i, names)) });
    } catch (err) {
      sendError(res, err, log);
    }
  });
  router.post('/invites', admins, async (req, res) => {
    try {
      const { sendEmail, ...person } = parse(inviteRequestSchema, req.body);
      const { invite, token } = await invites.create(me(res), person);
      const base = publicUrl ?? `${req.protocol}://${req.get('host')}`;
      const url = inviteUrl(base, token);
      log.info({ inviteId: invite.id, by: me(res).id }, 'invite created');
      team.invite({ id: invite.id, status: 'pending' });
      const body: InviteCreatedResponse = { invite: inviteDTO(invite, await inviteNames()), url };
      if (sendEmail) body.email = await emailInvite(inviteEmail(invite, url, me(res).name), invite.id);
      res.status(201).json(body);
    } catch (err) {
      sendError(res, err, log);
    }
  });
  router.delete('/invites/:id', admins, async (req, res) => {
    try {
      const id = param(req, 'id');
      await invites.revoke(id);
      log.info({ inviteId: id, by: me(res).id }, 'invite revoked');
      team.invite({ id, status: 'revoked' });
      res.status(204).end();
    } catch (err) {
      sendError(res, err, log);
    }
  });
  return router;
}
