import type { AgentConversationDTO, AgentDTO, MessageDTO } from '../../server/protocol/dto.ts';

/** Everything the inbox knows; changed only through `inboxReducer`, so facts apply the same way everywhere. */
export interface InboxState {
  loaded: boolean;
  me: AgentDTO | null;
  agents: AgentDTO[];
  conversations: Record<string, AgentConversationDTO>;
}

export type InboxAction =
  | { type: 'listed'; conversations: AgentConversationDTO[]; me: AgentDTO; agents: AgentDTO[] }
  | { type: 'conversation'; conversation: AgentConversationDTO }
  | { type: 'message'; message: MessageDTO }
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
    case 'conversation': {
      const c = action.conversation;
      if (!isNewer(c, state.conversations[c.id])) return state;
      return { ...state, conversations: { ...state.conversations, [c.id]: c } };
    }
    case 'message': {
      const m = action.message;
      const c = state.conversations[m.conversationId];
      if (!c || m.seq <= c.lastSeq) return state;
      const next = { ...c, lastSeq: m.seq, lastMessageAt: m.createdAt };
      return { ...state, conversations: { ...state.conversations, [c.id]: next } };
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
