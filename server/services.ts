import type { ConversationEvents, Conversations } from './domain/conversations/conversations.ts';
import type { Routing } from './domain/conversations/routing.ts';
import type { Emitter } from './domain/emitter.ts';
import type { Agents } from './domain/identity/agents.ts';
import type { Visitors } from './domain/identity/visitors.ts';
import type { KnowledgeBase } from './domain/knowledge-base/types.ts';
import type { Settings } from './domain/settings.ts';
import type { Store } from './storage/store.ts';

/** The domain services the edges (HTTP, sockets) call. */
export interface Services {
  store: Store;
  agents: Agents;
  visitors: Visitors;
  conversations: Conversations;
  events: Emitter<ConversationEvents>;
  kb: KnowledgeBase;
  settings: Settings;
  routing: Routing;
}
