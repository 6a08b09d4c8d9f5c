/** Data shapes sent to browsers. Plain JSON: dates are ISO strings. */

/**
 * `offline`: a message left while nobody could chat (outside business hours, or no agent online). It is not
 * in the live queue (no position, no wait colours); an agent takes it from its own inbox list and the reply
 * reaches the visitor by email. Taking it makes it `assigned` like any chat.
 */
export const ConversationStatus = {
  waiting: 'waiting',
  offline: 'offline',
  assigned: 'assigned',
  closed: 'closed',
} as const;
export type ConversationStatus = (typeof ConversationStatus)[keyof typeof ConversationStatus];

/** visitor, agent, system (joined, transferred, closed), note (internal: agents only). */
export const MessageAuthor = { visitor: 'visitor', agent: 'agent', system: 'system', note: 'note' } as const;
export type MessageAuthor = (typeof MessageAuthor)[keyof typeof MessageAuthor];

export const AgentRole = { admin: 'admin', agent: 'agent', editor: 'editor' } as const;
export type AgentRole = (typeof AgentRole)[keyof typeof AgentRole];

export const AgentStatus = { online: 'online', away: 'away', offline: 'offline' } as const;
export type AgentStatus = (typeof AgentStatus)[keyof typeof AgentStatus];

export interface MessageDTO {
  id: string;
  conversationId: string;
  /** Gap-free per conversation, starting at 1. */
  seq: number;
  clientId: string | null;
  author: MessageAuthor;
  authorName: string | null;
  /** Always present; for a system message, its English wording (what older clients show). */
  text: string;
  /** What a system message says, for each client to word in its own language. Absent on other authors and on
   * system messages stored before it existed (those show `text`). */
  system?: SystemEvent;
  /** The knowledge-base article an agent's reply points to (its text carries the title and URL as well). */
  article?: ArticleRef;
  /** Files sent with the message; each is fetched through a signed link (GET /api/attachments/:conv/:id/link). */
  attachments?: AttachmentRef[];
  createdAt: string;
}

/** A file in a conversation, by its SHA-256; its type was decided by its content when it was uploaded. */
export interface AttachmentRef {
  id: string;
  name: string;
  type: string;
  size: number;
  width?: number;
  height?: number;
}

/** A knowledge-base article, by slug; its readable page is `/kb/<slug>`. */
export interface ArticleRef {
  slug: string;
  title: string;
}

export const SystemEventKind = { agentJoined: 'agent-joined', visitorEnded: 'visitor-ended' } as const;
export type SystemEventKind = (typeof SystemEventKind)[keyof typeof SystemEventKind];

/** A line the server writes into a conversation, as a kind plus the parameters its wording needs. */
export type SystemEvent =
  | { kind: typeof SystemEventKind.agentJoined; agentName: string }
  /** The visitor chose End chat: agents see that they left, not just a closed conversation. */
  | { kind: typeof SystemEventKind.visitorEnded };

export interface AgentRef {
  id: string;
  name: string;
}

/** A conversation as its visitor sees it. */
export interface VisitorConversationDTO {
  id: string;
  status: ConversationStatus;
  lastSeq: number;
  agent: AgentRef | null;
  /** 1-based place in the queue while waiting, else null. */
  queuePosition: number | null;
  /** Honest estimate in seconds; null when the numbers support no promise (then: we will reply by email). */
  waitEstimateSeconds: number | null;
  /** Highest seq the agent side has read. */
  agentReadSeq: number;
  /** Highest seq an agent's console has received: the visitor's messages up to it are "delivered". */
  agentDeliveredSeq: number;
  rating: number | null;
  createdAt: string;
  updatedAt: string;
}

/** One step of the visitor's self-service before escalating. */
export type TrailEntry =
  | { kind: 'search'; query: string; resultCount: number; at: string }
  | { kind: 'article'; slug: string; title: string; at: string }
  | { kind: 'vote'; slug: string; helpful: boolean; at: string };

export interface PageContext {
  url?: string;
  title?: string;
  referrer?: string;
  locale?: string;
  timeZone?: string;
  userAgent?: string;
}

/** A page the visitor loaded while Parley knew them. */
export interface PageVisit {
  url: string;
  title: string | null;
  at: string;
}

export interface VisitorDTO {
  id: string;
  name: string | null;
  email: string | null;
  verified: boolean;
  context: PageContext;
  /** Pages seen, oldest first; the last `Limits.pageHistory`. */
  pages: PageVisit[];
  createdAt: string;
}

/** A conversation as an agent sees it in lists. */
export interface AgentConversationDTO {
  id: string;
  status: ConversationStatus;
  lastSeq: number;
  agent: AgentRef | null;
  visitor: { id: string; name: string | null; email: string | null; verified: boolean };
  /** First words of the visitor's question. */
  preview: string;
  lastMessageAt: string;
  waitingSince: string | null;
  queuePosition: number | null;
  visitorReadSeq: number;
  /** Highest seq the visitor's widget has received: replies up to it are "delivered". */
  visitorDeliveredSeq: number;
  agentReadSeq: number;
  rating: number | null;
  ratingComment: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AgentDTO {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
  status: AgentStatus;
  maxChats: number;
  disabled: boolean;
  /** Present while the agent still has a one-time password: they must choose their own before anything else. */
  mustChangePassword?: true;
}

/** `GET /api/visitor/availability`: whether a new visitor gets the queue or the message-and-email form. */
export interface AvailabilityDTO {
  agentsOnline: number;
  waiting: number;
  withinHours: boolean;
  /** False when a new visitor should get the message-and-email form rather than a queue. */
  accepting: boolean;
  /** What the next visitor would be told; null when the numbers support no promise. */
  waitEstimateSeconds: number | null;
  /** Who a visitor may talk to now: the display names of up to five agents online (they show when they join). */
  team: Array<{
    name: string;
    /** The picture's path on the server (under the widget's base); null: initials. */
    avatar?: string | null;
  }>;
  /** The workspace's automatic first message when a chat starts (empty: none). */
  chatGreeting?: string;
  /** The team's median first response over the last 14 days, in seconds; null with too few answered chats. */
  typicalReplySeconds?: number | null;
}

/** A canned answer agents insert with `/shortcut`. */
export interface SavedReplyDTO {
  id: string;
  shortcut: string;
  title: string;
  text: string;
  createdBy: string | null;
  updatedAt: string;
}

/** What search learned from visitors for one query and article (`GET /api/admin/learning`). */
export interface LearnedEntryDTO {
  queryKey: string;
  query: string;
  slug: string;
  title: string | null;
  /** Distinct visitors counted (after the per-address limit). */
  visitors: number;
  firstAt: string;
  lastAt: string;
  /** 0 (not boosted yet) .. cap. */
  boost: number;
}
