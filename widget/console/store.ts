import type { AgentConversationDTO, AgentDTO, MessageDTO } from '../../server/protocol/dto.ts';
import type { InboxSummary } from '../../server/protocol/events.ts';

/** Everything the inbox knows; changed only through `inboxReducer`, so facts apply the same way everywhere. */
export interface InboxState {
  loaded: boolean;
  me: AgentDTO | null;
  agents: AgentDTO[];
  conversations: Record<string, AgentConversationDTO>;
}

export type InboxAction =
  | { type: 'listed'; conversations: AgentConversationDTO[]; me: AgentDTO; agents: AgentDTO[] }
  /** A further page of the same listing (a busy inbox comes in pages): merged, newer facts kept. */
  | { type: 'listedMore'; conversations: AgentConversationDTO[] }
  | { type: 'conversation'; conversation: AgentConversationDTO }
  | { type: 'message'; message: MessageDTO }
  | { type: 'erased'; conversationId: string }
  /** The server's coalesced word on conversations this console does not show: their newest seq and time. */
  | { type: 'summary'; conversations: InboxSummary[] }
  | { type: 'agent'; agent: AgentDTO };

export const emptyInbox: InboxState = { loaded: false, me: null, agents: [], conversations: {} };

/** Newer wins: a late answer must not undo a fact that arrived before it. */
function isNewer(next: AgentConversationDTO, prev: AgentConversationDTO | undefined): boolean {
  if (!prev) return true;
  if (next.updatedAt !== prev.updatedAt) return next.updatedAt > prev.updatedAt;
  return next.lastSeq >= prev.lastSeq;
}

export function inboxReducer(state: InboxState, action: InboxAction): InboxState {
  switch (action.type) {
    case 'listed': {
      const conversations: Record<string, AgentConversationDTO> = {};
      for (const c of action.conversations) conversations[c.id] = c;
      return { loaded: true, me: action.me, agents: action.agents, conversations };
    }
    case 'listedMore': {
      const conversations = { ...state.conversations };
      for (const c of action.conversations) if (isNewer(c, conversations[c.id])) conversations[c.id] = c;
      return { ...state, conversations };
    }
    case 'conversation': {
      const c = action.conversation;
      if (!isNewer(c, state.conversations[c.id])) return state;
      return { ...state, conversations: { ...state.conversations, [c.id]: c } };
    }
    case 'erased': {
      if (!state.conversations[action.conversationId]) return state;
      const { [action.conversationId]: _gone, ...conversations } = state.conversations;
      return { ...state, conversations };
    }
    case 'message': {
      const m = action.message;
      const c = state.conversations[m.conversationId];
      if (!c || m.seq <= c.lastSeq) return state;
      const next = { ...c, lastSeq: m.seq, lastMessageAt: m.createdAt };
      return { ...state, conversations: { ...state.conversations, [c.id]: next } };
    }
    case 'summary': {
      // Status and read marks come whole with conversation:updated; a summary, up to a tick late, only moves the
      // newest message forward (never back), so unread counts and order follow it.
      let conversations = state.conversations;
      for (const s of action.conversations) {
        const c = conversations[s.conversationId];
        if (!c || s.lastSeq <= c.lastSeq) continue;
        if (conversations === state.conversations) conversations = { ...conversations };
        conversations[c.id] = { ...c, lastSeq: s.lastSeq, lastMessageAt: s.lastMessageAt };
      }
      return conversations === state.conversations ? state : { ...state, conversations };
    }
    case 'agent': {
      const a = action.agent;
      const agents = state.agents.some((x) => x.id === a.id)
        ? state.agents.map((x) => (x.id === a.id ? a : x))
        : [...state.agents, a];
      return { ...state, agents, me: state.me?.id === a.id ? a : state.me };
    }
  }
}
