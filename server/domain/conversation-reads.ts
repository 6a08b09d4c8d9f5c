import type { AgentConversationDTO } from '../protocol/dto.ts';
import type { ConversationRow, Store } from '../storage/store.ts';
import type { Conversations } from './conversations/conversations.ts';

/** Reads of conversations the transports need beyond the commands: the queue, and the Closed list's search. */
export class ConversationReads {
  constructor(private readonly deps: { store: Store; conversations: Conversations }) {}

  /** One conversation's row (who its visitor is, its status), or undefined. */
  byId(id: string): Promise<ConversationRow | undefined> {
    return this.deps.store.conversations.byId(id);
  }

  /** Waiting conversations in queue order (oldest waiting first). */
  waiting(): Promise<ConversationRow[]> {
    return this.deps.store.conversations.waiting();
  }

  /** Conversations whose visitor name or email, or any message text, contains `text`; most recent first. */
  async search(
    text: string,
    opts: { status?: 'waiting' | 'assigned' | 'closed'; limit: number },
  ): Promise<AgentConversationDTO[]> {
    const rows = await this.deps.store.conversations.search(text, opts);
    const queue = await this.deps.conversations.queueFacts();
    return Promise.all(rows.map((c) => this.deps.conversations.forAgent(c, queue)));
  }
}
