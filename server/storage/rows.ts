/** The rows the store reads and writes, as the domain sees them (camelCase, booleans, parsed JSON). */

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

/**
 * A new conversation: nothing is delivered yet unless said. `startClientId`: the client id of the start
 * that opened it, unique per visitor, so a retried or doubled start finds it instead of opening another.
 */
export type NewConversation = Omit<ConversationRow, 'visitorDeliveredSeq' | 'agentDeliveredSeq'> &
  Partial<Pick<ConversationRow, 'visitorDeliveredSeq' | 'agentDeliveredSeq'>> & {
    startClientId?: string | null;
  };

/** Conditions a conversation must meet for a message to be stored in it. */
export interface AppendGuard {
  /** It is this visitor's. */
  visitorId?: string;
  /** It is not closed. */
  open?: boolean;
  /** The conversation was created in this same transaction: no message of it can be a retry's to look for. */
  fresh?: boolean;
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
