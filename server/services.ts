import type { Budgets } from './budgets.ts';
import type { EmailFileLink } from './domain/attachments/email-links.ts';
import type { ConversationReads } from './domain/conversation-reads.ts';
import type { ConversationEvents, Conversations } from './domain/conversations/conversations.ts';
import type { Routing } from './domain/conversations/routing.ts';
import type { Emitter } from './domain/emitter.ts';
import type { ConversationErasure } from './domain/erasure/conversation-erasure.ts';
import type { FollowUpDeps } from './domain/follow-up/follow-up.ts';
import type { Mailer } from './domain/follow-up/mailer.ts';
import type { TranscriptEmail } from './domain/follow-up/transcript-email.ts';
import type { AgentAdmin } from './domain/identity/agent-admin.ts';
import type { Agents } from './domain/identity/agents.ts';
import type { Avatars } from './domain/identity/avatars.ts';
import type { Invites } from './domain/identity/invites.ts';
import type { Visitors } from './domain/identity/visitors.ts';
import type { HybridSearch } from './domain/knowledge-base/embedder/hybrid-search.ts';
import type { KnowledgeBase } from './domain/knowledge-base/types.ts';
import type { Preferences } from './domain/preferences.ts';
import type { Reports } from './domain/reports/reports.ts';
import type { SavedReplies } from './domain/saved-replies.ts';
import type { SearchLearning } from './domain/search-learning/learning.ts';
import type { SelfService } from './domain/self-service.ts';
import type { Settings } from './domain/settings.ts';
import type { Typing, TypingEvents } from './domain/typing.ts';
import type { Clock } from './lib/clock.ts';

/** Every fact the domain announces; the broadcaster turns them into socket events. */
export type DomainEvents = ConversationEvents & TypingEvents;

/**
 * The domain services the edges (HTTP, sockets) call, all built by compose.ts from one clock and one id
 * source. The store is not here: transports reach storage only through the domain.
 */
export interface Services {
  clock: Clock;
  /** Every rate limit, on the same clock. */
  budgets: Budgets;
  agents: Agents;
  agentAdmin: AgentAdmin;
  invites: Invites;
  visitors: Visitors;
  conversations: Conversations;
  reads: ConversationReads;
  /** Erases a closed conversation: its rows and, through registered erasers, its files. */
  erasure: ConversationErasure;
  typing: Typing;
  events: Emitter<DomainEvents>;
  kb: KnowledgeBase;
  settings: Settings;
  preferences: Preferences;
  savedReplies: SavedReplies;
  selfService: SelfService;
  routing: Routing;
  /** The Reports screen's figures (domain/reports). */
  reports: Reports;
  /** What search learned from visitors (learned boosts), shared by nodes through the database. */
  learning?: SearchLearning;
  /** BM25 fused with an embedder, when PARLEY_EMBEDDER_URL is set. */
  semantic?: HybridSearch;
  /** Agents' pictures (set in Your account, shown in the widget and the console). */
  avatars: Avatars;
  /** The chat transcript a visitor asks for by email, confirmed by the address's owner. */
  transcriptEmail(mailer: Mailer, fileLink?: EmailFileLink): TranscriptEmail;
  /** Emails agents' replies to visitors who left (see follow-up.ts); stops when the returned function is called. */
  startFollowUp(deps: Omit<FollowUpDeps, 'store' | 'events'>): () => void;
}
