import type { TypingInput } from '../protocol/schemas.ts';
import type { AgentRow, Store } from '../storage/store.ts';
import type { Emitter } from './emitter.ts';

export type TypingEvents = {
  /**
   * Someone started or stopped typing in a conversation. Not stored: it is said once, to whoever is
   * connected now. `agentId` is the typing agent, whose own consoles are not told.
   */
  'typing.changed': {
    conversationId: string;
    visitorId: string;
    typing: boolean;
    from: 'visitor' | 'agent';
    name: string | null;
    agentId?: string;
  };
};

/** Typing indicators: checked against the conversation like any command, then announced as a domain event. */
export class Typing {
  constructor(private readonly deps: { store: Store; events: Emitter<TypingEvents> }) {}

  /** A visitor types in their own conversation; any other conversation is ignored without a word. */
  async visitor(visitorId: string, input: TypingInput): Promise<void> {
    const c = await this.deps.store.conversations.byId(input.conversationId);
    if (c?.visitorId !== visitorId) return;
    this.deps.events.emit('typing.changed', {
      conversationId: c.id,
      visitorId,
      typing: input.typing,
      from: 'visitor',
      name: null,
    });
  }

  async agent(agent: AgentRow, input: TypingInput): Promise<void> {
    const c = await this.deps.store.conversations.byId(input.conversationId);
    if (!c) return;
    this.deps.events.emit('typing.changed', {
      conversationId: c.id,
      visitorId: c.visitorId,
      typing: input.typing,
      from: 'agent',
      name: agent.name,
      agentId: agent.id,
    });
  }
}
