/**
 * What the domain needs from storage: one small interface per aggregate, composed into `Store`. Two
 * implementations pass one contract suite (test/integration/storage-contract.test.ts): Kysely over SQLite
 * and PostgreSQL (kysely-store.ts), and an in-memory twin for fast unit tests (memory-store.ts).
 */
import type {
  AgentRow,
  AppendGuard,
  AppendResult,
  ConversationPatch,
  ConversationRow,
  InviteRow,
  MessageRow,
  NewConversation,
  NewMessage,
  PageVisitRow,
  SavedReplyRow,
  VisitorRow,
} from './rows.ts';

export type * from './rows.ts';

export interface AgentStore {
  create(row: AgentRow): Promise<void>;
  /** `create`, unless an agent with that email exists (made by another node at the same moment): false then. */
  createIfAbsent(row: AgentRow): Promise<boolean>;
  byId(id: string): Promise<AgentRow | undefined>;
  byEmail(email: string): Promise<AgentRow | undefined>;
  list(): Promise<AgentRow[]>;
  count(): Promise<number>;
  /** Agents who take conversations now (online, not disabled, not editors), counted without reading them. */
  countHandling(): Promise<number>;
  update(
    id: string,
    patch: Partial<
      Pick<
        AgentRow,
        'name' | 'role' | 'status' | 'maxChats' | 'disabled' | 'passwordHash' | 'mustChangePassword'
      >
    >,
  ): Promise<void>;
}

export interface SessionStore {
  create(tokenHash: string, agentId: string, createdAt: string, expiresAt: string): Promise<void>;
  /** The agent of a live (unexpired) session. */
  agentFor(tokenHash: string, now: string): Promise<AgentRow | undefined>;
  delete(tokenHash: string): Promise<void>;
  /** Ends every session of an agent (account disabled, password reset), except `keep` when given. */
  deleteForAgent(agentId: string, keep?: string): Promise<void>;
}

export interface InviteStore {
  create(row: InviteRow): Promise<void>;
  byTokenHash(tokenHash: string): Promise<InviteRow | undefined>;
  byId(id: string): Promise<InviteRow | undefined>;
  /** Invites neither used, revoked nor expired at `now`, newest first. */
  pending(now: string): Promise<InviteRow[]>;
  /** Atomic: marks a pending invite used. True only for the one call that won. */
  accept(tokenHash: string, now: string): Promise<boolean>;
  /** Undoes `accept` when the account could not be made after all. */
  unaccept(tokenHash: string): Promise<void>;
  /** Revokes pending invites by id or for an email; the number revoked. */
  revoke(by: { id: string } | { email: string }, now: string): Promise<number>;
}

export interface VisitorStore {
  create(row: Omit<VisitorRow, 'pages'> & { pages?: PageVisitRow[]; tokenHash: string }): Promise<void>;
  byTokenHash(tokenHash: string): Promise<VisitorRow | undefined>;
  byId(id: string): Promise<VisitorRow | undefined>;
  update(
    id: string,
    patch: Partial<Pick<VisitorRow, 'name' | 'email' | 'verified' | 'context' | 'pages' | 'lastSeenAt'>>,
  ): Promise<void>;
}

export interface ConversationStore {
  /**
   * False, storing nothing, when the visitor already has a conversation from the same start client id
   * (a retried start, or two at once: the later waits for the first to commit, then finds it).
   */
  create(row: NewConversation): Promise<boolean>;
  byId(id: string): Promise<ConversationRow | undefined>;
  /** The visitor's conversation opened by the start with this client id. */
  byStartClientId(visitorId: string, clientId: string): Promise<ConversationRow | undefined>;
  forVisitor(visitorId: string): Promise<ConversationRow[]>;
  /** Waiting and assigned conversations, oldest first. */
  open(): Promise<ConversationRow[]>;
  closed(limit: number): Promise<ConversationRow[]>;
  /** Waiting conversations in queue order (oldest waiting first). */
  waiting(): Promise<ConversationRow[]>;
  /** How many conversations wait: the queue's length, without reading it. */
  waitingCount(): Promise<number>;
  update(id: string, patch: ConversationPatch): Promise<void>;
  /** Open assigned conversations per agent. */
  assignedCounts(): Promise<Map<string, number>>;
  /** Atomic: assigns only if the conversation is still waiting. True when this call won. */
  claim(id: string, agentId: string, now: string): Promise<boolean>;
  /**
   * Atomic and monotonic: raises a read or delivered mark to `seq` (at most the last seq) if it is lower,
   * in the conversation of `visitorId` when given. The conversation as it left it, when it moved.
   */
  advance(
    id: string,
    field: 'visitorReadSeq' | 'agentReadSeq' | 'visitorDeliveredSeq' | 'agentDeliveredSeq',
    seq: number,
    visitorId?: string,
  ): Promise<ConversationRow | undefined>;
  /** Atomic: back to the queue only if still assigned to `agentId`. True when this call did it. */
  release(id: string, agentId: string, waitingSince: string, now: string): Promise<boolean>;
  /**
   * Conversations whose visitor name or email, or any message text, contains `text` (case-insensitive),
   * most recent first.
   */
  search(text: string, opts: { status?: string; limit: number }): Promise<ConversationRow[]>;
}

export interface MessageStore {
  /**
   * Stores a message with the conversation's next seq, once per (conversation, clientId).
   * A retried clientId returns the stored message with created=false.
   */
  /** `fresh`: the conversation was created in this same transaction (see AppendGuard). */
  append(input: NewMessage, options?: Pick<AppendGuard, 'fresh'>): Promise<AppendResult>;
  /** `append`, only if the conversation meets `guard`; undefined (nothing stored) when it does not. */
  appendIf(input: NewMessage, guard: AppendGuard): Promise<AppendResult | undefined>;
  /** Messages with seq > since, in seq order. */
  since(conversationId: string, since: number, limit?: number): Promise<MessageRow[]>;
}

export interface EventStore {
  add(
    conversationId: string,
    kind: string,
    agentId: string | null,
    data: unknown,
    createdAt: string,
  ): Promise<void>;
  list(
    conversationId: string,
  ): Promise<Array<{ kind: string; agentId: string | null; data: unknown; createdAt: string }>>;
  /**
   * How long the last `limit` closed conversations were handled: milliseconds from their last
   * `assigned` event to `closed`, most recent first (conversations closed unassigned are left out).
   */
  handlingTimes(limit: number): Promise<number[]>;
}

export interface SettingStore {
  get(key: string): Promise<unknown | undefined>;
  put(key: string, value: unknown, updatedAt: string): Promise<void>;
  /** Deletes the entries whose key starts with `prefix` and that were last written before `before`; how many. */
  deleteOlder(prefix: string, before: string): Promise<number>;
}

export interface FeedbackStore {
  add(
    slug: string,
    helpful: boolean,
    query: string | null,
    visitorId: string | null,
    createdAt: string,
  ): Promise<void>;
  /** Articles with "did not help" votes since a time, most first. */
  unhelpful(sinceIso: string, limit: number): Promise<Array<{ slug: string; no: number; yes: number }>>;
}

export interface SearchStore {
  /** `escalated`: the visitor searched this, then asked a person (self-service did not help). */
  add(
    query: string,
    resultCount: number,
    visitorId: string | null,
    createdAt: string,
    escalated?: boolean,
  ): Promise<void>;
  /** Most frequent queries with no result since a time. */
  unanswered(sinceIso: string, limit: number): Promise<Array<{ query: string; count: number }>>;
  /** Most frequent queries that were followed by a conversation with a person. */
  escalated(sinceIso: string, limit: number): Promise<Array<{ query: string; count: number }>>;
}

export interface SavedReplyStore {
  /** All saved replies, by shortcut. */
  list(): Promise<SavedReplyRow[]>;
  byId(id: string): Promise<SavedReplyRow | undefined>;
  /** False when the shortcut is taken. */
  create(row: SavedReplyRow): Promise<boolean>;
  /** False when the new shortcut is taken. */
  update(
    id: string,
    patch: Partial<Pick<SavedReplyRow, 'shortcut' | 'title' | 'text' | 'updatedAt'>>,
  ): Promise<boolean>;
  /** True when a row was deleted. */
  delete(id: string): Promise<boolean>;
}

export interface Store {
  agents: AgentStore;
  sessions: SessionStore;
  invites: InviteStore;
  visitors: VisitorStore;
  conversations: ConversationStore;
  messages: MessageStore;
  events: EventStore;
  settings: SettingStore;
  feedback: FeedbackStore;
  searches: SearchStore;
  savedReplies: SavedReplyStore;
  /**
   * Runs `fn` against a store whose writes all land or none do (a throw rolls them back). Inside, use
   * only the store `fn` is given; a nested call joins the outer transaction.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
}
