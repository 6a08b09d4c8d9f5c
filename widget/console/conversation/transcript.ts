import type {
  AgentConversationDTO,
  ArticleRef,
  AttachmentRef,
  MessageDTO,
  VisitorDTO,
} from '../../../server/protocol/dto.ts';
import type { AgentConversationDetail } from '../../../server/protocol/events.ts';
import { emptyTranscript, lastSeq, receive, release, shown, type Transcript } from '../../ui/transcript.ts';

/** A reply typed here that the server has not acknowledged yet. */
export interface PendingMessage {
  conversationId: string;
  /** Reused on retry, so the server stores the message once however often it is sent. */
  clientId: string;
  text: string;
  internal: boolean;
  /** The knowledge-base article the reply links to, which the visitor's widget opens inline. */
  article?: ArticleRef | undefined;
  /** Files uploaded to the conversation first, sent with the reply. */
  attachments?: AttachmentRef[] | undefined;
  state: 'sending' | 'failed';
  error: string | null;
}

/**
 * The conversation open on screen: its detail as `conversation:open` answered, and its messages as the shared
 * transcript holds them (widget/ui/transcript.ts: a resync point with no gap below it; a message past a gap waits
 * for `conversation:open` to fill it). `detail.messages` is what the view shows.
 */
export interface OpenConversation {
  detail: AgentConversationDetail | null;
  transcript: Transcript;
}

export type OpenEvent =
  /** The answer to `conversation:open`: every message, so it vouches for every seq up to its `lastSeq`. */
  | { type: 'opened'; detail: AgentConversationDetail }
  /** An ack or a fact: a message, or the conversation's new state. */
  | { type: 'received'; message?: MessageDTO; conversation?: AgentConversationDTO }
  | { type: 'visitor'; visitor: VisitorDTO }
  /** The inbox summary says the conversation has messages up to `lastSeq`: any missing ones are a gap to fill. */
  | { type: 'announced'; conversationId: string; lastSeq: number }
  /** The wait for a gap is over: what came past it is shown, in seq order. */
  | { type: 'released' }
  /** Another conversation is on screen (or none). */
  | { type: 'switched'; id: string | null };

export const closedConversation: OpenConversation = { detail: null, transcript: emptyTranscript };

const withTranscript = (detail: AgentConversationDetail, transcript: Transcript): OpenConversation => {
  const messages = shown(transcript);
  return { detail: messages === detail.messages ? detail : { ...detail, messages }, transcript };
};

/** Pure: the open conversation after `e`. */
export function openConversationReducer(s: OpenConversation, e: OpenEvent): OpenConversation {
  const d = s.detail;
  switch (e.type) {
    case 'opened': {
      const same = d?.conversation.id === e.detail.conversation.id;
      const covers = Math.max(e.detail.conversation.lastSeq, lastSeq(e.detail.messages));
      const t = receive(same ? s.transcript : emptyTranscript, e.detail.messages, {
        covers,
        announced: covers,
      });
      return withTranscript(e.detail, t);
    }
    case 'received': {
      if (!d) return s;
      const id = d.conversation.id;
      const c = e.conversation?.id === id ? e.conversation : null;
      const m = e.message?.conversationId === id ? e.message : null;
      if (!c && !m) return s;
      const t = receive(s.transcript, m ? [m] : [], { announced: c?.lastSeq ?? 0 });
      return withTranscript(c ? { ...d, conversation: c } : d, t);
    }
    case 'announced': {
      if (!d || d.conversation.id !== e.conversationId) return s;
      const t = receive(s.transcript, [], { announced: e.lastSeq });
      return t === s.transcript ? s : withTranscript(d, t);
    }
    case 'visitor':
      return d && d.visitor.id === e.visitor.id ? { ...s, detail: { ...d, visitor: e.visitor } } : s;
    case 'released':
      return d ? withTranscript(d, release(s.transcript)) : s;
    case 'switched':
      return d?.conversation.id === e.id ? s : closedConversation;
  }
}
