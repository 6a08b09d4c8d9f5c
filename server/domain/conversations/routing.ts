import type { Logger } from '../../lib/logger.ts';
import type { AvailabilityDTO } from '../../protocol/dto.ts';
import type { AgentRow, Store } from '../../storage/store.ts';
import type { Emitter } from '../emitter.ts';
import { isWithinHours, type Settings } from '../settings.ts';
import { type ConversationEvents, type Conversations, estimateWait } from './conversations.ts';

/** What a visitor is told before asking (the protocol's AvailabilityDTO). */
export type Availability = AvailabilityDTO;

const handles = (a: AgentRow) => a.status === 'online' && !a.disabled && a.role !== 'editor';

/** Who gets which conversation: the queue, automatic assignment, and whether to accept new visitors at all. */
export class Routing {
  constructor(
    private readonly deps: {
      store: Store;
      conversations: Conversations;
      settings: Settings;
      clock: { now(): Date };
      logger: Logger;
      /** An agent's picture path, null for initials (see identity/avatars.ts). */
      avatarOf?: (agentId: string) => Promise<string | null>;
      /** The median first response lately, in seconds (see typical-reply.ts); null when too few to say. */
      typicalReplySeconds?: () => Promise<number | null>;
    },
  ) {}

  async availability(): Promise<Availability> {
    const { store, settings, conversations, clock } = this.deps;
    const s = await settings.get();
    const people = (await store.agents.list()).filter(handles);
    const online = people.length;
    // Counted, not read: every widget that opens asks, and the queue may be long.
    const waiting = await store.conversations.waitingCount();
    const withinHours = isWithinHours(s.businessHours, clock.now());
    const estimate = estimateWait(waiting + 1, online, await conversations.handlingHistory());
    return {
      agentsOnline: online,
      waiting,
      withinHours,
      accepting: withinHours && online > 0 && waiting < s.routing.queueLimit,
      waitEstimateSeconds: withinHours && online > 0 ? estimate : null,
      team: withinHours ? await this.team(people.slice(0, 5)) : [],
      chatGreeting: s.widget.chatGreeting,
      typicalReplySeconds:
        withinHours && online > 0 && this.deps.typicalReplySeconds
          ? await this.deps.typicalReplySeconds()
          : null,
    };
  }

  private team(people: AgentRow[]): Promise<AvailabilityDTO['team']> {
    const avatarOf = this.deps.avatarOf;
    return Promise.all(
      people.map(async (a) => (avatarOf ? { name: a.name, avatar: await avatarOf(a.id) } : { name: a.name })),
    );
  }

  /** In auto mode, gives waiting conversations, oldest first, to the least busy online agent with room. */
  async assignWaiting(): Promise<void> {
    const { store, settings, conversations } = this.deps;
    if ((await settings.get()).routing.mode !== 'auto') return;
    const waiting = await store.conversations.waiting();
    if (waiting.length === 0) return;
    const agents = (await store.agents.list()).filter(handles);
    const counts = await store.conversations.assignedCounts();
    const load = new Map<string, number>(agents.map((a) => [a.id, counts.get(a.id) ?? 0]));
    for (const c of waiting) {
      const candidate = agents
        .filter((a) => (load.get(a.id) ?? 0) < a.maxChats)
        .sort((x, y) => (load.get(x.id) ?? 0) - (load.get(y.id) ?? 0) || x.id.localeCompare(y.id))[0];
      if (!candidate) return;
      try {
        await conversations.claim(candidate, c.id);
        load.set(candidate.id, (load.get(candidate.id) ?? 0) + 1);
      } catch {
        // Another node assigned it first: fine, move on.
      }
    }
  }

  /** Re-run assignment whenever the queue or capacity may have changed. */
  start(events: Emitter<ConversationEvents>): () => void {
    // One pass at a time; changes during a pass ask for exactly one more (a burst of arrivals costs two passes, not N).
    let running = false;
    let again = false;
    const kick = () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      this.assignWaiting()
        .catch((err: unknown) => this.deps.logger.error({ err }, 'auto-assignment failed'))
        .finally(() => {
          running = false;
          if (again) {
            again = false;
            kick();
          }
        });
    };
    return events.on('conversation.changed', ({ kind }) => {
      if (kind === 'created' || kind === 'transferred' || kind === 'closed' || kind === 'reopened') kick();
    });
  }
}
