import type { Server } from 'socket.io';
import { quietChange, visitorDTO } from '../domain/conversations/conversations.ts';
import { messageDTO, visitorConversationDTO } from '../domain/conversations/views.ts';
import type { Logger } from '../lib/logger.ts';
import type { Services } from '../services.ts';
import { namespacesOf } from './namespaces.ts';
import { rooms } from './rooms.ts';
import { startSummaries } from './summaries.ts';

const QUEUE_UPDATE_MS = 150;
/** A long queue is told its new positions less often: every pass writes to every waiting visitor. */
const QUEUE_UPDATE_MS_PER_WAITING = 2;
const QUEUE_UPDATE_MAX_MS = 2000;

/**
 * Turns stored facts into socket events. It only ever hears about what the domain already stored,
 * so nothing is broadcast that is not in the database. Rooms go through the adapter: every node hears.
 */
export function startBroadcaster(io: Server, services: Services, logger: Logger): () => void {
  const log = logger.child({ module: 'broadcaster' });
  const { visitors, agents } = namespacesOf(io);
  const { conversations, events } = services;

  // Facts about one conversation go out in the order the domain announced them (a conversation before its
  // first message); different conversations never wait for each other. What a fact needs from the database
  // is read as soon as it is announced, concurrently; only the sending waits its turn. One chain for all
  // conversations made every message wait behind the reads of every earlier update: seconds on PostgreSQL
  // after a burst of new conversations.
  const tails = new Map<string, Promise<void>>();
  const inOrder = (conversationId: string, prepared: Promise<() => void>) => {
    const tail = (tails.get(conversationId) ?? Promise.resolve())
      .then(() => prepared)
      .then((send) => send())
      .catch((err: unknown) => log.error({ err, conversationId }, 'broadcast failed'));
    tails.set(conversationId, tail);
    void tail.then(() => {
      if (tails.get(conversationId) === tail) tails.delete(conversationId);
    });
  };
  // Suppress the unhandled rejection of a read that fails before its turn; the chain logs it.
  const prepare = (work: () => Promise<() => void>) => {
    const p = work();
    p.catch(() => undefined);
    return p;
  };

  // Positions shift for everyone behind a change in the queue. Bursts (many arrivals at once) are
  // coalesced into one pass, computed from one read of the queue. A conversation that changed while the
  // pass was reading is skipped: its own update, already on its way, is newer.
  let queueTimer: NodeJS.Timeout | undefined;
  let changedDuringPass: Set<string> | undefined;
  let passAgain = false;
  let waitingCount = 0;
  const queuePass = async () => {
    changedDuringPass = new Set();
    try {
      // One read of the queue gives both who waits and where (it read them twice).
      const { waiting, facts } = await conversations.queueSnapshot(true);
      waitingCount = waiting.length;
      const changed = changedDuringPass;
      for (const c of waiting) {
        if (changed.has(c.id)) continue;
        const queue = facts.get(c.id) ?? { position: null, waitEstimateSeconds: null };
        const dto = visitorConversationDTO(c, null, queue);
        inOrder(
          c.id,
          Promise.resolve(() => visitors.to(rooms.visitor(c.visitorId)).emit('conversation:updated', dto)),
        );
      }
    } finally {
      changedDuringPass = undefined;
    }
  };
  const queueMoved = () => {
    if (queueTimer) return;
    queueTimer = setTimeout(
      () => {
        queueTimer = undefined;
        if (changedDuringPass) {
          passAgain = true;
          return;
        }
        const run = (): Promise<void> =>
          queuePass().then(() => {
            if (!passAgain) return;
            passAgain = false;
            return run();
          });
        run().catch((err: unknown) => log.error({ err }, 'queue update failed'));
      },
      Math.min(QUEUE_UPDATE_MAX_MS, QUEUE_UPDATE_MS + waitingCount * QUEUE_UPDATE_MS_PER_WAITING),
    );
    queueTimer.unref();
  };

  // Every console hears of every message, but only the consoles that show the conversation or whose agent has
  // it need the message itself (while it waits for an agent, every console: any may take it). The others get
  // one coalesced summary of the inbox per tick: one frame per console instead of one per message.
  const summaries = startSummaries(agents, log);
  const offMessage = events.on('message.created', ({ message, conversation, origin }) => {
    const dto = messageDTO(message);
    inOrder(
      conversation.id,
      Promise.resolve(() => {
        const full = conversation.agentId
          ? [rooms.viewing(conversation.id), rooms.agent(conversation.agentId)]
          : [rooms.agents];
        agents.to(full).emit('message:created', dto);
        summaries.add(conversation, message);
        // The visitor's other tabs and devices; the tab that sent it has it in its acknowledgement.
        if (message.author !== 'note') {
          const room = visitors.to(rooms.visitor(conversation.visitorId));
          (origin ? room.except(origin) : room).emit('message:created', dto);
        }
      }),
    );
  });

  const offChanged = events.on('conversation.changed', ({ conversation, kind, by }) => {
    changedDuringPass?.add(conversation.id);
    // A delivery concerns the other side only: the agents' mark is in the visitor's view and the visitor's
    // in the agents'. Receipts come with every message; this halves what each one costs.
    const toAgents = !(kind === 'delivered' && by === 'agent');
    const toVisitor = !(kind === 'delivered' && by === 'visitor');
    const prepared = prepare(async () => {
      const [forAgents, forVisitor] = await Promise.all([
        toAgents ? conversations.forAgent(conversation) : undefined,
        toVisitor ? conversations.forVisitor(conversation) : undefined,
      ]);
      return () => {
        if (forAgents)
          agents
            .to(rooms.agents)
            .emit(kind === 'created' ? 'conversation:created' : 'conversation:updated', forAgents);
        if (forVisitor)
          visitors.to(rooms.visitor(conversation.visitorId)).emit('conversation:updated', forVisitor);
      };
    });
    inOrder(conversation.id, prepared);
    if (!quietChange(kind)) queueMoved();
  });

  // Agents who have the visitor's conversation open see where they are now; nothing here is ordered
  // against a conversation's facts.
  // Every console, on every node (through the adapter), drops an erased conversation from its lists.
  const offErased = events.on('conversation.erased', ({ conversationId }) => {
    agents.to(rooms.agents).emit('conversation:erased', { conversationId });
  });

  const offVisitor = events.on('visitor.changed', ({ visitor }) => {
    agents.to(rooms.agents).emit('visitor:updated', visitorDTO(visitor));
  });

  // Typing is not stored: it goes to whoever is connected now. An agent's own consoles are not told.
  const offTyping = events.on('typing.changed', (e) => {
    const toAgents = e.agentId
      ? agents.to(rooms.agents).except(rooms.agent(e.agentId))
      : agents.to(rooms.agents);
    toAgents.emit('typing:changed', {
      conversationId: e.conversationId,
      typing: e.typing,
      from: e.from,
      name: e.name,
    });
    if (e.from === 'agent') {
      visitors
        .to(rooms.visitor(e.visitorId))
        .emit('typing:changed', { conversationId: e.conversationId, typing: e.typing, name: e.name });
    }
  });

  return () => {
    clearTimeout(queueTimer);
    summaries.stop();
    offMessage();
    offChanged();
    offVisitor();
    offErased();
    offTyping();
  };
}
