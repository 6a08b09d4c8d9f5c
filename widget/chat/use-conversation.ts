import { useStore } from '../ui/store.ts';
import type { ChatState, ConversationStore } from './store.ts';

/** The conversation's state for a view; re-renders on every change. */
export function useConversation(store: ConversationStore): ChatState {
  return useStore(store);
}
