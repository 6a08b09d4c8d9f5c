import { messageDTO } from '../domain/conversations/views.ts';
import { DomainError } from '../domain/errors.ts';
import { agentDTO } from '../domain/identity/agents.ts';
import { hashToken } from '../lib/ids.ts';
import type { Logger } from '../lib/logger.ts';
import { ErrorCode } from '../protocol/errors.ts';
import type { AgentClientEvents } from '../protocol/events.ts';
import { PROTOCOL_VERSION } from '../protocol/version.ts';
import type { Services } from '../services.ts';
import type { AgentRow } from '../storage/store.ts';
import { commandBinder } from './binder.ts';
import { agentCommands } from './commands.ts';
import { readCookie, SESSION_COOKIE } from './cookies.ts';
import type { AgentNamespace } from './namespaces.ts';
import { isAllowedOrigin, ownOrigin } from './origins.ts';
import { createPresence } from './presence.ts';
import { rooms } from './rooms.ts';
import { handshakeError } from './visitor-namespace.ts';

const bind = commandBinder<AgentClientEvents>();

export function setUpAgentNamespace(
  nsp: AgentNamespace,
  services: Services,
  logger: Logger,
  publicUrl: string | undefined,
) {
  const log = logger.child({ module: 'agent-socket' });
  const { commands, receipts } = services.budgets.agent;
  const budget = (command: keyof AgentClientEvents) =>
    command === 'message:delivered' ? receipts : commands;
  const presence = createPresence(nsp, services, logger);

  nsp.use((socket, next) => {
    const req = socket.request;
    // The console is Parley's own page: a cookie-carrying socket from any other origin is refused.
    if (!isAllowedOrigin(req.headers.origin, ownOrigin(req, publicUrl), [])) {
      return next(handshakeError(ErrorCode.originNotAllowed, 'Origin not allowed'));
    }
    const auth: { protocol?: unknown } = socket.handshake.auth;
    if (auth.protocol !== PROTOCOL_VERSION) {
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

  // Console presence: which agents have a conversation open ("Ben is viewing").
  const viewing = rooms.viewing;
  const tellViewers = async (conversationId: string) => {
    const seen = new Map<string, string>();
    for (const s of await nsp.in(viewing(conversationId)).fetchSockets())
      seen.set(s.data.agent.id, s.data.agent.name);
    const agents = [...seen].map(([id, name]) => ({ id, name }));
    nsp.to(rooms.agents).emit('conversation:viewers', { conversationId, agents });
    return agents;
  };

  nsp.on('connection', (socket) => {
    const agentId = socket.data.agent.id;
    void socket.join(rooms.agent(agentId));
    void socket.join(rooms.session(hashToken(socket.data.token)));
    if (socket.data.agent.role !== 'editor') void socket.join(rooms.agents);
    if (socket.data.agent.role === 'admin') void socket.join(rooms.admins);

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
    const { conversations } = services;
    let viewed: string | null = null;

    presence.connected(agentId).catch((err: unknown) => log.warn({ err }, 'presence update failed'));

    bind(
      socket,
      agentCommands,
      {
        'inbox:list': async (input) => {
          const agent = await me();
          const page = await conversations.inbox(input);
          return {
            conversations: page.conversations,
            next: page.next,
            me: agentDTO(agent),
            agents: (await services.agents.list()).map(agentDTO),
          };
        },
        'conversation:open': async (input) => {
          await me();
          return conversations.detail(input.conversationId);
        },
        'conversation:claim': async (input) => ({
          conversation: await conversations.forAgent(
            await conversations.claim(await me(), input.conversationId),
          ),
        }),
        'conversation:transfer': async (input) => ({
          conversation: await conversations.forAgent(
            await conversations.transfer(await me(), input.conversationId, input.toAgentId, input.note),
          ),
        }),
        'conversation:close': async (input) => ({
          conversation: await conversations.forAgent(
            await conversations.close({ agent: await me() }, input.conversationId),
          ),
        }),
        'conversation:reopen': async (input) => ({
          conversation: await conversations.forAgent(
            await conversations.reopen(await me(), input.conversationId),
          ),
        }),
        'message:send': async (input) => ({
          message: messageDTO(await conversations.sendFromAgent(await me(), input)),
        }),
        'typing:set': async (input) => {
          await services.typing.agent(await me(), input);
          return null;
        },
        'message:read': async (input) => {
          await conversations.markRead({ agent: await me() }, input.conversationId, input.seq);
          return null;
        },
        // A receipt only says "this console has the message": it takes the agent from the handshake rather
        // than re-reading the session, as every other command does (receipts come with every visitor message).
        'message:delivered': async (input) => {
          conversations.assertVisible(socket.data.agent);
          await conversations.markDelivered({ agent: socket.data.agent }, input.conversationId, input.seq);
          return null;
        },
        'agent:status': async (input) => {
          const updated = agentDTO(await services.agents.setStatus((await me()).id, input.status));
          nsp.to(rooms.agents).emit('agent:updated', updated);
          if (input.status === 'online') await services.routing.assignWaiting();
          return { me: updated };
        },
        'conversation:view': async ({ conversationId }) => {
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
      },
      { logger: log.child({ agentId, socketId: socket.id }), key: agentId, budget },
    );

    socket.on('disconnect', () => {
      if (viewed) void tellViewers(viewed).catch(() => undefined);
      presence.disconnected(agentId).catch((err: unknown) => log.warn({ err }, 'presence update failed'));
    });
  });
  return presence;
}
