import type { AvailabilityDTO, MessageDTO, VisitorConversationDTO } from '../../server/protocol/dto.ts';
import { settle } from '../ui/outbox.ts';
import {
  emptyTranscript,
  held,
  lastSeq,
  receive,
  release,
  shown,
  type Transcript,
} from '../ui/transcript.ts';
import type { LinkState } from './client.ts';
import type { PendingMessage } from './outbox.ts';

/** `GET /api/visitor/availability`: whether a new visitor gets the queue or the message-and-email form. */
export type Availability = AvailabilityDTO;

/** What the chat's views read. */
export interface ChatState {
  /** `idle`: no connection opened yet (the visitor has not written). */
  link: LinkState | 'idle';
  conversation: VisitorConversationDTO | null;
  /** Shown, in seq order: what the transcript holds up to its resync point, and past a gap once the wait is over. */
  messages: MessageDTO[];
  /** Not shown as stored yet, oldest first: the outbox, after the visitor's stored messages still waiting on a gap. */
  pending: PendingMessage[];
  /** Error code of the last failed command, if any (e.g. rate_limited). */
  error: string | null;
  /** The agent is typing: their name ('' when unknown), else null. */
  agentTyping: string | null;
  /** Known before a conversation starts; null while it is being asked (or could not be). */
  availability: Availability | null;
  availabilityChecked: boolean;
  /** An address the visitor gave (form or identify): replies can go there. */
  email: string | null;
}

/** The whole state: the view's, and what it is computed from. */
export interface ChatModel extends ChatState {
  transcript: Transcript;
  /** Messages typed and not yet acknowledged; each keeps its clientId across retries. */
  outbox: PendingMessage[];
}

export type ChatEvent =
  /**
   * The one way messages and conversation updates come in: acks, facts, the visitor's other tabs and sync answers.
   * `replace`: this conversation becomes the chat's (a start, or one adopted from another tab). `since`: this is a
   * sync answer for everything after `since`: it vouches for every seq up to the conversation's `lastSeq` in it.
   */
  | {
      type: 'received';
      conversation?: VisitorConversationDTO;
      messages?: MessageDTO[];
      replace?: boolean;
      since?: number;
    }
  /** The wait for a gap is over: show what came past it, in seq order. */
  | { type: 'released' }
  | { type: 'link'; link: LinkState | 'idle' }
  | { type: 'queued'; message: PendingMessage }
  | { type: 'sent'; clientId: string }
  | { type: 'refused'; clientId: string; code: string }
  | { type: 'retry'; clientId?: string }
  | { type: 'error'; code: string | null }
  /** The server said the conversation is closed: the next message starts a new one. */
  | { type: 'closed' }
  | { type: 'typing'; name: string | null }
  | { type: 'availability'; availability: Availability | null }
  | { type: 'email'; email: string }
  /** Back to an empty chat (a new conversation; `recheck`: ask availability again), or a new visitor's. */
  | { type: 'reset'; recheck: boolean };

export function initialChat(outbox: PendingMessage[], email: string | null): ChatModel {
  return project({
    link: 'idle',
    conversation: null,
    messages: [],
    pending: [],
    error: null,
    agentTyping: null,
    availability: null,
    availabilityChecked: false,
    email,
    transcript: emptyTranscript,
    outbox,
  });
}

/** The view's fields from the transcript and the outbox. */
function project(s: ChatModel): ChatModel {
  const messages = shown(s.transcript);
  const waiting = held(s.transcript)
    .filter((m) => m.author === 'visitor' && m.clientId)
    .map((m): PendingMessage => ({ clientId: m.clientId!, text: m.text, failed: false }));
  const pending = waiting.length ? [...waiting, ...s.outbox] : s.outbox;
  if (messages === s.messages && pending === s.pending) return s;
  return { ...s, messages, pending };
}

function received(s: ChatModel, e: Extract<ChatEvent, { type: 'received' }>): ChatModel {
  const c = e.conversation;
  let conversation = s.conversation;
  let transcript = s.transcript;
  if (c && (e.replace || !conversation) && c.id !== conversation?.id) {
    conversation = c;
    transcript = emptyTranscript;
  } else if (c && c.id === conversation?.id) conversation = c; // facts come in stored order (tabs check theirs)
  if (!conversation) return s;
  const id = conversation.id;
  // Internal notes never reach a visitor; if one did, its seq is still the conversation's.
  const mine = (e.messages ?? []).filter((m) => m.conversationId === id && m.author !== 'note');
  const announced = c?.id === id ? c.lastSeq : 0;
  // A sync answer vouches only for a transcript that already held everything up to its `since`.
  const covers =
    e.since !== undefined && transcript.through >= e.since ? Math.max(announced, lastSeq(mine)) : 0;
  transcript = receive(transcript, mine, { announced, covers });
  const outbox = settle(s.outbox, transcript.known);
  if (conversation === s.conversation && transcript === s.transcript && outbox === s.outbox) return s;
  const before = s.messages;
  const next = project({ ...s, conversation, transcript, outbox });
  const fresh = next.messages.filter((m) => m.author === 'agent' && !before.includes(m));
  return fresh.length && next.agentTyping !== null ? { ...next, agentTyping: null } : next;
}

/** Pure: the chat after `e`. */
export function chatReducer(s: ChatModel, e: ChatEvent): ChatModel {
  switch (e.type) {
    case 'received':
      return received(s, e);
    case 'released':
      return project({ ...s, transcript: release(s.transcript) });
    case 'link':
      return { ...s, link: e.link };
    case 'queued':
      return project({ ...s, outbox: [...s.outbox, e.message] });
    case 'sent':
      return project({ ...s, outbox: s.outbox.filter((p) => p.clientId !== e.clientId), error: null });
    case 'refused': {
      const outbox = s.outbox.map((p) => (p.clientId === e.clientId ? { ...p, failed: true } : p));
      return project({ ...s, outbox, error: e.code });
    }
    case 'retry': {
      const outbox = s.outbox.map((p) =>
        !e.clientId || p.clientId === e.clientId ? { ...p, failed: false } : p,
      );
      return project({ ...s, outbox, error: null });
    }
    case 'error':
      return { ...s, error: e.code };
    case 'closed':
      return s.conversation ? { ...s, conversation: { ...s.conversation, status: 'closed' } } : s;
    case 'typing':
      return { ...s, agentTyping: e.name };
    case 'availability':
      return { ...s, availability: e.availability, availabilityChecked: true };
    case 'email':
      return { ...s, email: e.email };
    case 'reset':
      return project({
        ...s,
        conversation: null,
        transcript: emptyTranscript,
        error: null,
        agentTyping: null,
        availabilityChecked: e.recheck ? false : s.availabilityChecked,
      });
  }
}
