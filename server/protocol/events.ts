import type { InviteUpdatedEvent } from './accounts.ts';
import type {
  AgentConversationDTO,
  AgentDTO,
  AgentRef,
  ConversationStatus,
  MessageDTO,
  TrailEntry,
  VisitorConversationDTO,
  VisitorDTO,
} from './dto.ts';
import type { AckFn } from './errors.ts';
import type {
  AgentMessageSendInput,
  AgentStatusInput,
  ConversationRefInput,
  ConversationStartInput,
  IdentifyInput,
  InboxListInput,
  MessageSendInput,
  PageViewInput,
  RateInput,
  ReadInput,
  SyncInput,
  TransferInput,
  TypingInput,
} from './schemas.ts';

/** Handshake `auth` of the /visitor namespace. */
export interface VisitorHandshake {
  token: string;
  protocol: number;
}

/** Handshake `auth` of the /agent namespace (the session itself travels in the cookie). */
export interface AgentHandshake {
  protocol: number;
}

export interface VisitorSyncResult {
  conversations: VisitorConversationDTO[];
  /** Messages after the client's `since` per conversation, in seq order. */
  messages: MessageDTO[];
}

/** Commands a visitor sends; every one is acknowledged. */
export interface VisitorClientEvents {
  'conversation:start': (
    input: ConversationStartInput,
    ack: AckFn<{ conversation: VisitorConversationDTO; message: MessageDTO }>,
  ) => void;
  'message:send': (input: MessageSendInput, ack: AckFn<{ message: MessageDTO }>) => void;
  'conversation:sync': (input: SyncInput, ack: AckFn<VisitorSyncResult>) => void;
  'typing:set': (input: TypingInput, ack: AckFn<null>) => void;
  'message:read': (input: ReadInput, ack: AckFn<null>) => void;
  /** The widget has received the conversation's messages up to `seq`. */
  'message:delivered': (input: ReadInput, ack: AckFn<null>) => void;
  /** A page loaded while the visitor has a conversation; added to their page history. */
  'page:viewed': (input: PageViewInput, ack: AckFn<null>) => void;
  'conversation:close': (
    input: ConversationRefInput,
    ack: AckFn<{ conversation: VisitorConversationDTO }>,
  ) => void;
  'conversation:rate': (input: RateInput, ack: AckFn<{ conversation: VisitorConversationDTO }>) => void;
  'visitor:identify': (input: IdentifyInput, ack: AckFn<{ verified: boolean }>) => void;
}

/** Facts the server tells a visitor. */
export interface VisitorServerEvents {
  'message:created': (message: MessageDTO) => void;
  'conversation:updated': (conversation: VisitorConversationDTO) => void;
  'typing:changed': (e: { conversationId: string; typing: boolean; name: string | null }) => void;
}

export interface AgentConversationDetail {
  conversation: AgentConversationDTO;
  messages: MessageDTO[];
  visitor: VisitorDTO;
  trail: TrailEntry[];
  previous: AgentConversationDTO[];
}

/** Commands an agent sends; every one is acknowledged. */
export interface AgentClientEvents {
  /** A page of open conversations (recent closed ones come with the first); `next` asks for the page after. */
  'inbox:list': (
    input: InboxListInput,
    ack: AckFn<{
      conversations: AgentConversationDTO[];
      me: AgentDTO;
      agents: AgentDTO[];
      next?: string | null;
    }>,
  ) => void;
  'conversation:open': (input: ConversationRefInput, ack: AckFn<AgentConversationDetail>) => void;
  'conversation:claim': (
    input: ConversationRefInput,
    ack: AckFn<{ conversation: AgentConversationDTO }>,
  ) => void;
  'conversation:transfer': (input: TransferInput, ack: AckFn<{ conversation: AgentConversationDTO }>) => void;
  'conversation:close': (
    input: ConversationRefInput,
    ack: AckFn<{ conversation: AgentConversationDTO }>,
  ) => void;
  'conversation:reopen': (
    input: ConversationRefInput,
    ack: AckFn<{ conversation: AgentConversationDTO }>,
  ) => void;
  'message:send': (input: AgentMessageSendInput, ack: AckFn<{ message: MessageDTO }>) => void;
  'typing:set': (input: TypingInput, ack: AckFn<null>) => void;
  'message:read': (input: ReadInput, ack: AckFn<null>) => void;
  /** This console has received the conversation's messages up to `seq`. */
  'message:delivered': (input: ReadInput, ack: AckFn<null>) => void;
  'agent:status': (input: AgentStatusInput, ack: AckFn<{ me: AgentDTO }>) => void;
  /** Which conversation this console shows (null: none); acked with who else is viewing it. */
  'conversation:view': (input: { conversationId: string | null }, ack: AckFn<{ agents: AgentRef[] }>) => void;
}

/** One conversation's newest message, in brief, for the inbox of a console that does not show it. */
export interface InboxSummary {
  conversationId: string;
  status: ConversationStatus;
  lastSeq: number;
  lastMessageAt: string;
  /** Who wrote the newest message, and its first words (empty for an internal note's). */
  author: MessageDTO['author'];
  preview: string;
  /** Messages after the agents' last read mark (the conversation's unread count in the inbox). */
  unread: number;
}

/** Facts the server tells agents. */
export interface AgentServerEvents {
  'conversation:created': (conversation: AgentConversationDTO) => void;
  'conversation:updated': (conversation: AgentConversationDTO) => void;
  /** Erased for good by an admin or the retention period: gone from every list. */
  'conversation:erased': (e: { conversationId: string }) => void;
  /** A visitor loaded another page (their page history and current page changed) or said who they are. */
  'visitor:updated': (visitor: VisitorDTO) => void;
  /**
   * A whole message goes to the consoles that show its conversation (`conversation:view`), to the consoles of the
   * agent who has it and, while it waits for an agent, to every console; every console gets `inbox:summary`.
   */
  'message:created': (message: MessageDTO) => void;
  /** Coalesced, at most every few hundred ms: where each conversation that had messages since the last one stands. */
  'inbox:summary': (e: { conversations: InboxSummary[] }) => void;
  'typing:changed': (e: {
    conversationId: string;
    typing: boolean;
    from: 'visitor' | 'agent';
    name: string | null;
  }) => void;
  'agent:updated': (agent: AgentDTO) => void;
  /** Admins only: an invite was made, used or withdrawn (see protocol/accounts.ts). */
  'invite:updated': (e: InviteUpdatedEvent) => void;
  /** The agents viewing a conversation changed. */
  'conversation:viewers': (e: { conversationId: string; agents: AgentRef[] }) => void;
}
