import { messageDTO as messageOut } from '../domain/conversations/views.ts';
import { DomainError } from '../domain/errors.ts';
import type { Logger } from '../lib/logger.ts';
import { ErrorCode } from '../protocol/errors.ts';
import type { VisitorClientEvents } from '../protocol/events.ts';
import { pageViewSchema } from '../protocol/schemas.ts';
import { PROTOCOL_VERSION } from '../protocol/version.ts';
import type { Services } from '../services.ts';
import { commandBinder } from './binder.ts';
import { clientAddress } from './client-address.ts';
import { visitorCommands } from './commands.ts';
import type { VisitorNamespace } from './namespaces.ts';
import { rooms } from './rooms.ts';

/** An Error whose `data.code` reaches the client's connect_error handler. */
export function handshakeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

const bind = commandBinder<VisitorClientEvents>();

export function setUpVisitorNamespace(nsp: VisitorNamespace, services: Services, logger: Logger) {
  const log = logger.child({ module: 'visitor-socket' });
  const { messages, starts, light, pages } = services.budgets.visitor;
  const budget = (command: keyof VisitorClientEvents) =>
    command === 'message:send'
      ? messages
      : command === 'conversation:start'
        ? starts
        : command === 'page:viewed'
          ? pages
          : light;

  nsp.use((socket, next) => {
    const auth: { token?: unknown; protocol?: unknown } = socket.handshake.auth;
    if (auth.protocol !== PROTOCOL_VERSION) {
      return next(
        handshakeError(
          ErrorCode.protocolMismatch,
          `Protocol ${String(auth.protocol)} is not ${PROTOCOL_VERSION}; reload the page`,
        ),
      );
    }
    services.visitors
      .fromToken(auth.token)
      .then((visitor) => {
        if (!visitor) return next(handshakeError(ErrorCode.unauthorized, 'Unknown visitor token'));
        socket.data.visitor = visitor;
        next();
      })
      .catch((err: unknown) => {
        log.error({ err }, 'visitor handshake failed');
        next(handshakeError(ErrorCode.unavailable, 'Try again shortly'));
      });
  });

  nsp.on('connection', (socket) => {
    const visitorId = socket.data.visitor.id;
    void socket.join(rooms.visitor(visitorId));
    // The visitor row is read at the handshake and again after anything that may rename them (start,
    // identify), not on every message: the hot path stays at one conversation read and one write.
    const refresh = async () => {
      socket.data.visitor = (await services.visitors.byId(visitorId)) ?? socket.data.visitor;
      return socket.data.visitor;
    };
    const { conversations } = services;

    bind(
      socket,
      visitorCommands,
      {
        'conversation:start': async (input) => {
          // Many visitor tokens from one address are still one address (the host itself is not limited).
          const address = clientAddress(socket.request);
          if (address !== null && !services.budgets.visitor.startsPerAddress.take(address)) {
            throw new DomainError(
              ErrorCode.rateLimited,
              'Too many new conversations from this address; wait a minute',
            );
          }
          const visitor = await refresh();
          // Nobody can chat now and the visitor left an email: a message to answer by email, outside the queue.
          const offline =
            (input.email ?? visitor.email) != null && !(await services.routing.availability()).accepting;
          const { conversation, message } = await conversations.start(visitor, input, offline);
          // The page the conversation starts on joins the visitor's page history; that write hands back the
          // visitor as now stored, so only a start without a page reads them again.
          const page = pageViewSchema.safeParse({ url: input.context?.url, title: input.context?.title });
          const seen = page.success ? await services.visitors.pageViewed(visitorId, page.data) : undefined;
          if (seen) socket.data.visitor = seen;
          // A start that told nothing about the visitor left their row as read above.
          else if (input.name !== undefined || input.email !== undefined || input.context) await refresh();
          return { conversation: await conversations.forVisitor(conversation), message: messageOut(message) };
        },
        'message:send': async (input) => ({
          message: messageOut(await conversations.sendFromVisitor(socket.data.visitor, input, socket.id)),
        }),
        'conversation:sync': (input) => conversations.syncForVisitor(visitorId, input.since),
        'typing:set': async (input) => {
          await services.typing.visitor(visitorId, input);
          return null;
        },
        'message:read': async (input) => {
          await conversations.markRead({ visitorId }, input.conversationId, input.seq);
          return null;
        },
        'message:delivered': async (input) => {
          await conversations.markDelivered({ visitorId }, input.conversationId, input.seq);
          return null;
        },
        'page:viewed': async (input) => {
          await services.visitors.pageViewed(visitorId, input);
          return null;
        },
        'conversation:close': async (input) => ({
          conversation: await conversations.forVisitor(
            await conversations.close({ visitorId }, input.conversationId),
          ),
        }),
        'conversation:rate': async (input) => ({
          conversation: await conversations.forVisitor(await conversations.rate(visitorId, input)),
        }),
        'visitor:identify': async (input) => {
          const result = await services.visitors.identify(visitorId, input);
          await refresh();
          return result;
        },
      },
      { logger: log.child({ visitorId, socketId: socket.id }), key: visitorId, budget },
    );
  });
}
