import type { Namespace, Socket } from 'socket.io';
import { messageDTO as messageOut } from '../domain/conversations/views.ts';
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
  conversationRefSchema,
  conversationStartSchema,
  identifySchema,
  messageSendSchema,
  pageViewSchema,
  rateSchema,
  readSchema,
  syncSchema,
  typingSchema,
} from '../protocol/schemas.ts';
import { PROTOCOL_VERSION } from '../protocol/version.ts';
import type { Services } from '../services.ts';
import type { VisitorRow } from '../storage/store.ts';
import { defineHandler } from './define-handler.ts';
import { rooms } from './rooms.ts';

type VisitorSocket = Socket<
  VisitorClientEvents,
  VisitorServerEvents,
  Record<string, never>,
  { visitor: VisitorRow }
>;

/** An Error whose `data.code` reaches the client's connect_error handler. */
export function handshakeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

export function setUpVisitorNamespace(nsp: Namespace, services: Services, logger: Logger) {
  const log = logger.child({ module: 'visitor-socket' });
  const messages = new RateLimiter(20, 2);
  const starts = new RateLimiter(10, 0.1);
  const light = new RateLimiter(60, 10);
  // Page loads: a burst of 20, then one every 2 s; the history keeps the last 20 anyway.
  const pages = new RateLimiter(20, 0.5);

  nsp.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown; protocol?: unknown };
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

  nsp.on('connection', (raw) => {
    const socket = raw as unknown as VisitorSocket;
    const visitorId = socket.data.visitor.id;
    void socket.join(rooms.visitor(visitorId));
    const opts = { logger: log.child({ visitorId, socketId: socket.id }) };
    const byVisitor = (limiter: RateLimiter) => ({ ...opts, limit: { limiter, key: () => visitorId } });
    // The visitor row is read at the handshake and again after anything that may rename them (start,
    // identify), not on every message: the hot path stays at one conversation read and one write.
    const refresh = async () => {
      socket.data.visitor = (await services.store.visitors.byId(visitorId)) ?? socket.data.visitor;
      return socket.data.visitor;
    };

    socket.on(
      'conversation:start',
      defineHandler(
        conversationStartSchema,
        async (input) => {
          const { conversation, message } = await services.conversations.start(await refresh(), input);
          // The page the conversation starts on joins the visitor's page history; that write hands back the
          // visitor as now stored, so only a start without a page reads them again.
          const page = pageViewSchema.safeParse({ url: input.context?.url, title: input.context?.title });
          const seen = page.success ? await services.visitors.pageViewed(visitorId, page.data) : undefined;
          if (seen) socket.data.visitor = seen;
          else await refresh();
          return {
            conversation: await services.conversations.forVisitor(conversation),
            message: messageOut(message),
          };
        },
        byVisitor(starts),
      ),
    );
    socket.on(
      'message:send',
      defineHandler(
        messageSendSchema,
        async (input) => ({
          message: messageOut(await services.conversations.sendFromVisitor(socket.data.visitor, input)),
        }),
        byVisitor(messages),
      ),
    );
    socket.on(
      'conversation:sync',
      defineHandler(
        syncSchema,
        (input) => services.conversations.syncForVisitor(visitorId, input.since),
        byVisitor(light),
      ),
    );
    socket.on(
      'typing:set',
      defineHandler(
        typingSchema,
        async (input) => {
          const c = await services.store.conversations.byId(input.conversationId);
          if (c?.visitorId !== visitorId) return null;
          (socket.nsp.server.of('/agent') as unknown as Namespace<AgentClientEvents, AgentServerEvents>)
            .to(rooms.agents)
            .emit('typing:changed', {
              conversationId: c.id,
              typing: input.typing,
              from: 'visitor',
              name: null,
            });
          return null;
        },
        byVisitor(light),
      ),
    );
    socket.on(
      'message:read',
      defineHandler(
        readSchema,
        async (input) => {
          await services.conversations.markRead({ visitorId }, input.conversationId, input.seq);
          return null;
        },
        byVisitor(light),
      ),
    );
    socket.on(
      'message:delivered',
      defineHandler(
        readSchema,
        async (input) => {
          await services.conversations.markDelivered({ visitorId }, input.conversationId, input.seq);
          return null;
        },
        byVisitor(light),
      ),
    );
    socket.on(
      'page:viewed',
      defineHandler(
        pageViewSchema,
        async (input) => {
          await services.visitors.pageViewed(visitorId, input);
          return null;
        },
        byVisitor(pages),
      ),
    );
    socket.on(
      'conversation:close',
      defineHandler(
        conversationRefSchema,
        async (input) => ({
          conversation: await services.conversations.forVisitor(
            await services.conversations.close({ visitorId }, input.conversationId),
          ),
        }),
        byVisitor(light),
      ),
    );
    socket.on(
      'conversation:rate',
      defineHandler(
        rateSchema,
        async (input) => ({
          conversation: await services.conversations.forVisitor(
            await services.conversations.rate(visitorId, input),
          ),
        }),
        byVisitor(light),
      ),
    );
    socket.on(
      'visitor:identify',
      defineHandler(
        identifySchema,
        async (input) => {
          const result = await services.visitors.identify(visitorId, input);
          await refresh();
          return result;
        },
        byVisitor(light),
      ),
    );
  });
}
