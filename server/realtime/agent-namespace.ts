import type { Namespace, Socket } from 'socket.io';
import { z } from 'zod';
import { messageDTO } from '../domain/conversations/views.ts';
import { DomainError } from '../domain/errors.ts';
import { agentDTO } from '../domain/identity/agents.ts';
import { hashToken } from '../lib/ids.ts';
import type { Logger } from '../lib/logger.ts';
import { RateLimiter } from '../lib/rate-limit.ts';
import { ErrorCode } from '../protocol/errors.ts';
import type {
  AgentClientEvents,
  AgentServerEvents,
  VisitorClientEvents,
  VisitorServerEvents,
} from '../protocol/events.ts';
import {
  agentMessageSendSchema,
  agentStatusSchema,
  conversationRefSchema,
  readSchema,
  transferSchema,
  typingSchema,
} from '../protocol/schemas.ts';
import { PROTOCOL_VERSION } from '../protocol/version.ts';
import type { Services } from '../services.ts';
import type { AgentRow } from '../storage/store.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';
import { defineHandler } from './define-handler.ts';
import { isAllowedOrigin, ownOrigin } from './origins.ts';
import { createPresence } from './presence.ts';
import { rooms } from './rooms.ts';
import { handshakeError } from './visitor-namespace.ts';

type AgentSocket = Socket<
  AgentClientEvents,
  AgentServerEvents,
  Record<string, never>,
  { agent: AgentRow; token: string }
>;

export function setUpAgentNamespace(
  nsp: Namespace,
  services: Services,
  logger: Logger,
  publicUrl: string | undefined,
) {
  const log = logger.child({ module: 'agent-socket' });
  const limiter = new RateLimiter(60, 10);
  // Receipts come with the visitors' messages, not the agent's pace: their own budget, so a busy queue
  // never uses up the agent's budget for replies.
  const receipts = new RateLimiter(300, 100);
  const presence = createPresence(
    nsp as unknown as Namespace<AgentClientEvents, AgentServerEvents>,
    services,
    logger,
  );

  nsp.use((socket, next) => {
    const req = socket.request;
    // The console is Parley's own page: a cookie-carrying socket from any other origin is refused.
    if (!isAllowedOrigin(req.headers.origin, ownOrigin(req, publicUrl), [])) {
      return next(handshakeError(ErrorCode.originNotAllowed, 'Origin not allowed'));
    }
    if ((socket.handshake.auth as { protocol?: unknown }).protocol !== PROTOCOL_VERSION) {
      return next(
        handshakeError(ErrorCode.protocolMismatch, 'Protocol version mismatch; reload the console'),
      );
    }
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    services.agents
      .fromSession(token)
      .then((agent) => {
        if (!agent || !token) return next(handshakeError(ErrorCode.unauthorized, 'unauthorized'));
        if (agent.mustChangePassword) {
          return next(
            handshakeError(
              ErrorCode.passwordChangeRequired,
              'Choose your own password first, then reconnect',
            ),
          );
        }
        socket.data.agent = agent;
        socket.data.token = token;
        next();
      })
      .catch((err: unknown) => {
        log.error({ err }, 'agent handshake failed');
        next(handshakeError(ErrorCode.unavailable, 'Try again shortly'));
      });
  });

  nsp.on('connection', (raw) => {
    const socket = raw as unknown as AgentSocket;
    const agentId = socket.data.agent.id;
    void socket.join(rooms.agent(agentId));
    void socket.join(rooms.session(hashToken(socket.data.token)));
    if (socket.data.agent.role !== 'editor') void socket.join(rooms.agents);
    if (socket.data.agent.role === 'admin') void socket.join(rooms.admins);
    const opts = {
      logger: log.child({ agentId, socketId: socket.id }),
      limit: { limiter, key: () => agentId },
    };
    const visitors = nsp.server.of('/visitor') as unknown as Namespace<
      VisitorClientEvents,
      VisitorServerEvents
    >;

    /** Re-reads the agent on every command: a disabled account or a role change takes effect at once. */
    const me = async (): Promise<AgentRow> => {
      const agent = await services.agents.fromSession(socket.data.token);
      if (!agent) {
        // The answer goes first, then the cut: an ended session is the client's news, not a server error.
        setImmediate(() => socket.disconnect(true));
        throw new DomainError(ErrorCode.unauthorized, 'Your session has ended; sign in again');
      }
      services.conversations.assertVisible(agent);
      return agent;
    };
    const on = <K extends keyof AgentClientEvents, I, O>(
      event: K,
      schema: z.ZodType<I>,
      run: (input: I, agent: AgentRow) => Promise<O>,
    ) => {
      socket.on(event, defineHandler(schema, async (input) => run(input, await me()), opts) as never);
    };

    presence.connected(agentId).catch((err: unknown) => log.warn({ err }, 'presence update failed'));

    on('inbox:list', z.object({}).strict(), async (_input, agent) => ({
      conversations: await services.conversations.inbox(),
      me: agentDTO(agent),
      agents: (await services.agents.list()).map(agentDTO),
    }));
    on('conversation:open', conversationRefSchema, (input) =>
      services.conversations.detail(input.conversationId),
    );
    on('conversation:claim', conversationRefSchema, async (input, agent) => ({
      conversation: await services.conversations.forAgent(
        await services.conversations.claim(agent, input.conversationId),
      ),
    }));
    on('conversation:transfer', transferSchema, async (input, agent) => ({
      conversation: await services.conversations.forAgent(
        await services.conversations.transfer(agent, input.conversationId, input.toAgentId, input.note),
      ),
    }));
    on('conversation:close', conversationRefSchema, async (input, agent) => ({
      conversation: await services.conversations.forAgent(
        await services.conversations.close({ agent }, input.conversationId),
      ),
    }));
    on('conversation:reopen', conversationRefSchema, async (input, agent) => ({
      conversation: await services.conversations.forAgent(
        await services.conversations.reopen(agent, input.conversationId),
      ),
    }));
    on('message:send', agentMessageSendSchema, async (input, agent) => ({
      message: messageDTO(await services.conversations.sendFromAgent(agent, input)),
    }));
    on('typing:set', typingSchema, async (input, agent) => {
      const c = await services.store.conversations.byId(input.conversationId);
      if (!c) return null;
      visitors
        .to(rooms.visitor(c.visitorId))
        .emit('typing:changed', { conversationId: c.id, typing: input.typing, name: agent.name });
      socket.to(rooms.agents).emit('typing:changed', {
        conversationId: c.id,
        typing: input.typing,
        from: 'agent',
        name: agent.name,
      });
      return null;
    });
    on('message:read', readSchema, async (input, agent) => {
      await services.conversations.markRead({ agent }, input.conversationId, input.seq);
      return null;
    });
    // A receipt only says "this console has the message": it takes the agent from the handshake rather than
    // re-reading the session, as every other command does (receipts come with every visitor message).
    socket.on(
      'message:delivered',
      defineHandler(
        readSchema,
        async (input) => {
          services.conversations.assertVisible(socket.data.agent);
          await services.conversations.markDelivered(
            { agent: socket.data.agent },
            input.conversationId,
            input.seq,
          );
          return null;
        },
        { ...opts, limit: { limiter: receipts, key: () => agentId } },
      ),
    );
    on('agent:status', agentStatusSchema, async (input, agent) => {
      const updated = agentDTO(await services.agents.setStatus(agent.id, input.status));
      nsp.to(rooms.agents).emit('agent:updated', updated);
      if (input.status === 'online') await services.routing.assignWaiting();
      return { me: updated };
    });

    // Console presence: which agents have a conversation open ("Ben is viewing"). Not in the typed maps yet:
    // command `conversation:view` { conversationId | null } acks the viewers; fact `conversation:viewers`.
    const viewing = (id: string) => `viewing:${id}`;
    const tellViewers = async (conversationId: string) => {
      const seen = new Map<string, string>();
      for (const s of await nsp.in(viewing(conversationId)).fetchSockets()) {
        const a = (s.data as { agent: AgentRow }).agent;
        seen.set(a.id, a.name);
      }
      const agents = [...seen].map(([id, name]) => ({ id, name }));
      (nsp.to(rooms.agents) as unknown as { emit(e: string, p: unknown): void }).emit(
        'conversation:viewers',
        {
          conversationId,
          agents,
        },
      );
      return agents;
    };
    let viewed: string | null = null;
    const viewSchema = z.object({ conversationId: z.string().min(1).max(64).nullable() }).strict();
    socket.on(
      'conversation:view' as never,
      defineHandler(
        viewSchema,
        async ({ conversationId }) => {
          await me();
          const previous = viewed;
          viewed = conversationId;
          if (previous && previous !== conversationId) {
            await socket.leave(viewing(previous));
            await tellViewers(previous);
          }
          if (!conversationId) return { agents: [] };
          await socket.join(viewing(conversationId));
          return { agents: await tellViewers(conversationId) };
        },
        opts,
      ) as never,
    );

    socket.on('disconnect', () => {
      if (viewed) void tellViewers(viewed).catch(() => undefined);
      presence.disconnected(agentId).catch((err: unknown) => log.warn({ err }, 'presence update failed'));
    });
  });
  return presence;
}
