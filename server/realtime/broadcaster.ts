import type { Namespace, Server } from 'socket.io';
import { messageDTO, visitorConversationDTO } from '../domain/conversations/views.ts';
import type { Logger } from '../lib/logger.ts';
import type {
  AgentClientEvents,
  AgentServerEvents,
  VisitorClientEvents,
  VisitorServerEvents,
} from '../protocol/events.ts';
import type { Services } from '../services.ts';
import { rooms } from './rooms.ts';

const QUEUE_UPDATE_MS = 150;

/**
 * Turns stored facts into socket events. It only ever hears about what the domain already stored,
 * so nothing is broadcast that is not in the database. Rooms go through the adapter: every node hears.
 */
export function startBroadcaster(io: Server, services: Services, logger: Logger): () => void {
  const log = logger.child({ module: 'broadcaster' });
  const visitors = io.of('/visitor') as unknown as Namespace<VisitorClientEvents, VisitorServerEvents>;
  const agents = io.of('/agent') as unknown as Namespace<AgentClientEvents, AgentServerEvents>;
  const { conversations, events } = services;
  // One chain keeps events in the order the domain announced them (a conversation before its first message).
  let chain: Promise<void> = Promise.resolve();
  const inOrder = (task: () => Promise<void> | void) => {
    chain = chain.then(task).catch((err: unknown) => log.error({ err }, 'broadcast failed'));
  };

  // Positions shift for everyone behind a change in the queue. Bursts (many arrivals at once) are
  // coalesced into one pass, computed from one read of the queue.
  let queueTimer: NodeJS.Timeout | undefined;
  const queueMoved = () => {
    if (queueTimer) return;
    queueTimer = setTimeout(() => {
      queueTimer = undefined;
      inOrder(async () => {
        const facts = await conversations.queueFacts();
        for (const c of await services.store.conversations.waiting()) {
          const queue = facts.get(c.id) ?? { position: null, waitEstimateSeconds: null };
          visitors
            .to(rooms.visitor(c.visitorId))
            .emit('conversation:updated', visitorConversationDTO(c, null, queue));
        }
      });
    }, QUEUE_UPDATE_MS);
    queueTimer.unref();
  };

  const offMessage = events.on('message.created', ({ message, conversation }) =>
    inOrder(() => {
      const dto = messageDTO(message);
      agents.to(rooms.agents).emit('message:created', dto);
      if (message.author !== 'note')
        visitors.to(rooms.visitor(conversation.visitorId)).emit('message:created', dto);
    }),
  );

  const offChanged = events.on('conversation.changed', ({ conversation, kind }) =>
    inOrder(async () => {
      const forAgents = await conversations.forAgent(conversation);
      agents
        .to(rooms.agents)
        .emit(kind === 'created' ? 'conversation:created' : 'conversation:updated', forAgents);
      visitors
        .to(rooms.visitor(conversation.visitorId))
        .emit('conversation:updated', await conversations.forVisitor(conversation));
      if (kind !== 'read' && kind !== 'rated') queueMoved();
    }),
  );

  return () => {
    clearTimeout(queueTimer);
    offMessage();
    offChanged();
  };
}
