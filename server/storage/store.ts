/** What the domain needs from storage. One Kysely implementation serves SQLite and Postgres; a contract test runs against both. */

export interface AgentRow {
  id: string;
  email: string;
  name: string;
  role: string;
  passwordHash: string;
  status: string;
  maxChats: number;
  disabled: boolean;
  /** Signed in with a one-time password: the console is closed to them until they choose their own. */
  mustChangePassword: boolean;
  createdAt: string;
}

/** An invitation to join as an agent; only the hash of its link's token is kept. */
export interface InviteRow {
  id: string;
  tokenHash: string;
  email: string;
  name: string;
  role: string;
  maxChats: number | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export interface VisitorRow {
  id: string;
  name: string | null;
  email: string | null;
  verified: boolean;
  context: Record<string, string>;
  /** Pages seen during the visit, oldest first, capped. */
  pages: PageVisitRow[];
  createdAt: string;
  lastSeenAt: string;
}

export interface PageVisitRow {
  url: string;
  title: string | null;
  at: string;
}

export interface ConversationRow {
  id: string;
  visitorId: string;
  status: string;
  agentId: string | null;
  lastSeq: number;
  preview: string;
  trail: unknown[];
  visitorReadSeq: number;
  agentReadSeq: number;
  /** Highest seq the visitor's client has received (read implies received). */
  visitorDeliveredSeq: number;
  /** Highest seq an agent's console has received. */
  agentDeliveredSeq: number;
  rating: number | null;
  ratingComment: string | null;
  waitingSince: string | null;
  lastMessageAt: string;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MessageRow {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string | null;
  author: string;
  authorId: string | null;
  authorName: string | null;
  text: string;
  /** A system message's kind and parameters; null for other messages and system messages stored before them. */
  system: Record<string, unknown> | null;
  createdAt: string;
}

export interface NewMessage {
  id: string;
  conversationId: string;
  clientId: string | null;
  author: string;
  authorId: string | null;
  authorName: string | null;
  text: string;
  system?: Record<string, unknown> | null;
  createdAt: string;
}

/** A new conversation: nothing is delivered yet unless said. */
export type NewConversation = Omit<ConversationRow, 'visitorDeliveredSeq' | 'agentDeliveredSeq'> &
  Partial<Pick<ConversationRow, 'visitorDeliveredSeq' | 'agentDeliveredSeq'>>;

/** Conditions a conversation must meet for a message to be stored in it. */
export interface AppendGuard {
  /** It is this visitor's. */
  visitorId?: string;
  /** It is not closed. */
  open?: boolean;
}

export interface AppendResult {
  message: MessageRow;
  /** False for a retried clientId: `message` is the one stored first. */
  created: boolean;
  /** The conversation as this append left it (when created). */
  conversation?: ConversationRow;
}

export interface SavedReplyRow {
  id: string;
  shortcut: string;
  title: string;
  text: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ConversationPatch = Partial<
  Pick<
    ConversationRow,
    | 'status'
    | 'agentId'
    | 'visitorReadSeq'
    | 'agentReadSeq'
    | 'visitorDeliveredSeq'
    | 'agentDeliveredSeq'
    | 'rating'
    | 'ratingComment'
    | 'waitingSince'
    | 'closedAt'
    | 'updatedAt'
  >
>;

export interface Store {
  agents: {
    create(row: AgentRow): Promise<void>;
    byId(id: string): Promise<AgentRow | undefined>;
    byEmail(email: string): Promise<AgentRow | undefined>;
    list(): Promise<AgentRow[]>;
    count(): Promise<number>;
    update(
      id: string,
      patch: Partial<
        Pick<
          AgentRow,
          'name' | 'role' | 'status' | 'maxChats' | 'disabled' | 'passwordHash' | 'mustChangePassword'
        >
      >,
    ): Promise<void>;
  };
  sessions: {
    create(tokenHash: string, agentId: string, createdAt: string, expiresAt: string): Promise<void>;
    /** The agent of a live (unexpired) session. */
    agentFor(tokenHash: string, now: string): Promise<AgentRow | undefined>;
    delete(tokenHash: string): Promise<void>;
    /** Ends every session of an agent (account disabled, password reset), except `keep` when given. */
    deleteForAgent(agentId: string, keep?: string): Promise<void>;
  };
  invites: {
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
  };
  visitors: {
    create(row: Omit<VisitorRow, 'pages'> & { pages?: PageVisitRow[]; tokenHash: string }): Promise<void>;
    byTokenHash(tokenHash: string): Promise<VisitorRow | undefined>;
    byId(id: string): Promise<VisitorRow | undefined>;
    update(
      id: string,
      patch: Partial<Pick<VisitorRow, 'name' | 'email' | 'verified' | 'context' | 'pages' | 'lastSeenAt'>>,
    ): Promise<void>;
  };
  conversations: {
    create(row: NewConversation): Promise<void>;
    byId(id: string): Promise<ConversationRow | undefined>;
    forVisitor(visitorId: string): Promise<ConversationRow[]>;
    /** Waiting and assigned conversations, oldest first. */
    open(): Promise<ConversationRow[]>;
    closed(limit: number): Promise<ConversationRow[]>;
    /** Waiting conversations in queue order (oldest waiting first). */
    waiting(): Promise<ConversationRow[]>;
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
  };
  messages: {
    /**
     * Stores a message with the conversation's next seq, once per (conversation, clientId).
     * A retried clientId returns the stored message with created=false.
     */
    append(input: NewMessage): Promise<AppendResult>;
    /** `append`, only if the conversation meets `guard`; undefined (nothing stored) when it does not. */
    appendIf(input: NewMessage, guard: AppendGuard): Promise<AppendResult | undefined>;
    /** Messages with seq > since, in seq order. */
    since(conversationId: string, since: number, limit?: number): Promise<MessageRow[]>;
  };
  events: {
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
  };
  settings: {
    get(key: string): Promise<unknown | undefined>;
    put(key: string, value: unknown, updatedAt: string): Promise<void>;
  };
  feedback: {
    add(
      slug: string,
      helpful: boolean,
      query: string | null,
      visitorId: string | null,
      createdAt: string,
    ): Promise<void>;
    /** Articles with "did not help" votes since a time, most first. */
    unhelpful(sinceIso: string, limit: number): Promise<Array<{ slug: string; no: number; yes: number }>>;
  };
  searches: {
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
  };
  savedReplies: {
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
  };
}
