import { type Request, Router } from 'express';
import type { Server } from 'socket.io';
import { z } from 'zod';
import { notFound } from '../domain/errors.ts';
import type { Mail, Mailer } from '../domain/follow-up/mailer.ts';
import { agentPatchSchema, newAgentSchema } from '../domain/identity/agent-admin.ts';
import { agentDTO } from '../domain/identity/agents.ts';
import { inviteEmail, sendInviteEmail } from '../domain/identity/invite-email.ts';
import { inviteDTO, inviteRequestSchema, inviteUrl } from '../domain/identity/invites.ts';
import { passwordChangeSchema, passwordChooseSchema } from '../domain/identity/password-policy.ts';
import { preferencesSchema } from '../domain/preferences.ts';
import { savedReplyDTO, savedReplyInputSchema, savedReplyPatchSchema } from '../domain/saved-replies.ts';
import type { Logger } from '../lib/logger.ts';
import type { InviteCreatedResponse, InviteEmailOutcome } from '../protocol/accounts.ts';
import { readCookie, SESSION_COOKIE } from '../realtime/cookies.ts';
import { namespacesOf } from '../realtime/namespaces.ts';
import { rooms } from '../realtime/rooms.ts';
import type { Services } from '../services.ts';
import type { AgentRow } from '../storage/store.ts';
import { parse } from './errors.ts';
import { requireAgent } from './require-agent.ts';
import { spend } from './spend.ts';
import { teamEvents } from './team-events.ts';

const searchQuerySchema = z
  .object({
    q: z.string().trim().min(2, 'at least 2 characters').max(100),
    status: z.enum(['waiting', 'assigned', 'closed']).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .strict();

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
  const { savedReplies: replies, agentAdmin: accounts, invites } = services;
  const { passwordTries } = services.budgets.http;
  const tooManyTries = 'Too many attempts; wait a few minutes and try again';
  const agentsNsp = namespacesOf(io).agents;
  const team = teamEvents(io);
  const announce = team.agent;

  /** Search every conversation by visitor name, email or message text (the Closed list's search box). */
  router.get('/conversations', answerers, async (req, res) => {
    const q = parse(searchQuerySchema, req.query);
    const conversations = await services.reads.search(q.q, {
      ...(q.status ? { status: q.status } : {}),
      limit: q.limit ?? 50,
    });
    res.json({ conversations });
  });

  router.get('/saved-replies', answerers, async (_req, res) => {
    res.json({ savedReplies: (await replies.list()).map(savedReplyDTO) });
  });
  router.post('/saved-replies', answerers, async (req, res) => {
    const row = await replies.create(me(res), parse(savedReplyInputSchema, req.body));
    res.status(201).json({ savedReply: savedReplyDTO(row) });
  });
  router.patch('/saved-replies/:id', answerers, async (req, res) => {
    const row = await replies.update(me(res), param(req, 'id'), parse(savedReplyPatchSchema, req.body));
    res.json({ savedReply: savedReplyDTO(row) });
  });
  router.delete('/saved-replies/:id', answerers, async (req, res) => {
    await replies.remove(me(res), param(req, 'id'));
    res.status(204).end();
  });

  router.get('/preferences', anyone, async (_req, res) => {
    res.json({ preferences: await services.preferences.get(me(res).id) });
  });
  router.put('/preferences', anyone, async (req, res) => {
    const preferences = parse(preferencesSchema, req.body);
    res.json({ preferences: await services.preferences.put(me(res).id, preferences) });
  });

  router.get('/agents', admins, async (_req, res) => {
    res.json({ agents: (await services.agents.list()).map(agentDTO) });
  });
  router.post('/agents', admins, async (req, res) => {
    const { agent, password } = await accounts.create(parse(newAgentSchema, req.body));
    log.info({ agentId: agent.id, by: me(res).id }, 'agent created');
    announce(agent);
    res.status(201).json({ agent: agentDTO(agent), password });
  });
  router.patch('/agents/:id', admins, async (req, res) => {
    const id = param(req, 'id');
    const before = await services.agents.byId(id);
    if (!before) throw notFound('Agent');
    const { agent } = await accounts.update(me(res), id, parse(agentPatchSchema, req.body));
    // A disabled account or a new role: its consoles reconnect (or fail to) with the new rights at once.
    if (agent.disabled || agent.role !== before.role) agentsNsp.in(rooms.agent(id)).disconnectSockets(true);
    log.info({ agentId: id, by: me(res).id, disabled: agent.disabled, role: agent.role }, 'agent changed');
    announce(agent);
    res.json({ agent: agentDTO(agent) });
  });
  router.post('/agents/:id/password', admins, async (req, res) => {
    const { agent, password } = await accounts.resetPassword(param(req, 'id'));
    agentsNsp.in(rooms.agent(agent.id)).disconnectSockets(true);
    log.info({ agentId: agent.id, by: me(res).id }, 'agent password reset');
    res.json({ agent: agentDTO(agent), password });
  });
  /** Anyone renames themselves (their display name, shown to visitors); admins rename others under Agents. */
  router.patch('/me', anyone, async (req, res) => {
    const { name } = parse(agentPatchSchema.pick({ name: true }).required(), req.body);
    const { agent } = await accounts.update(me(res), me(res).id, { name });
    log.info({ agentId: agent.id }, 'agent renamed themselves');
    announce(agent);
    res.json({ agent: agentDTO(agent) });
  });
  /** One's own password. Every other session of the agent ends, and its consoles are dropped; this one stays. */
  router.post('/password', anyone, async (req, res) => {
    const input = parse(passwordChangeSchema, req.body);
    const agent = me(res);
    spend(passwordTries, agent.id, tooManyTries);
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    await services.agents.changePassword(agent, input.currentPassword, input.newPassword, token);
    for (const s of await agentsNsp.in(rooms.agent(agent.id)).fetchSockets()) {
      if (s.data.token !== token) s.disconnect(true);
    }
    log.info({ agentId: agent.id }, 'agent changed their password');
    res.status(204).end();
  });

  /**
   * The first password of one's own, after signing in with a one-time password (the only console route such
   * a session may use). Every other session of the agent ends; this one stays and the console opens.
   */
  router.post('/password/choose', firstSignIn, async (req, res) => {
    const { newPassword } = parse(passwordChooseSchema, req.body);
    spend(passwordTries, me(res).id, tooManyTries);
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const agent = await services.agents.choosePassword(me(res), newPassword, token);
    log.info({ agentId: agent.id }, 'agent chose their own password');
    announce(agent);
    res.json({ agent: agentDTO(agent) });
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
    const [rows, names] = await Promise.all([invites.pending(), inviteNames()]);
    res.json({ invites: rows.map((i) => inviteDTO(i, names)) });
  });
  router.post('/invites', admins, async (req, res) => {
    const { sendEmail, ...person } = parse(inviteRequestSchema, req.body);
    const { invite, token } = await invites.create(me(res), person);
    const base = publicUrl ?? `${req.protocol}://${req.get('host')}`;
    const url = inviteUrl(base, token);
    log.info({ inviteId: invite.id, by: me(res).id }, 'invite created');
    team.invite({ id: invite.id, status: 'pending' });
    const body: InviteCreatedResponse = { invite: inviteDTO(invite, await inviteNames()), url };
    if (sendEmail) body.email = await emailInvite(inviteEmail(invite, url, me(res).name), invite.id);
    res.status(201).json(body);
  });
  router.delete('/invites/:id', admins, async (req, res) => {
    const id = param(req, 'id');
    await invites.revoke(id);
    log.info({ inviteId: id, by: me(res).id }, 'invite revoked');
    team.invite({ id, status: 'revoked' });
    res.status(204).end();
  });
  return router;
}
