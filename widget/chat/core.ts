import type { AttachmentRef, MessageDTO, PageContext, TrailEntry } from '../../server/protocol/dto.ts';
import type { Identity } from '../loader/contract.ts';
import { createStore, type Readable } from '../ui/store.ts';
import type { VisitorConnection } from './client.ts';
import { type Availability, type ChatEvent, type ChatModel, chatReducer } from './reducer.ts';
import type { SessionStore } from './session.ts';
import type { TabChannel } from './tabs.ts';

export interface ConversationDeps {
  session: SessionStore;
  connect(token: string): VisitorConnection;
  context(): PageContext;
  trail(): TrailEntry[];
  identity(): Identity | null;
  availability?(): Promise<Availability>;
  /** sessionStorage key for the outbox; the draft uses `<key>:draft` (null: memory only). */
  outboxKey?: string | null;
  /** The visitor's other tabs of this site: what happens in one shows in all at once. */
  tabs?: TabChannel;
  /** localStorage key for how far the visitor has read, shared by the tabs and the next page (null: memory). */
  readKey?: string | null;
  onEscalated?(conversationId: string): void;
  onMessage?(message: MessageDTO): void;
  onUnread?(count: number): void;
}

export interface ConversationStore extends Readable<ChatModel> {
  /** Queues a message and sends it as soon as there is a connection; false when empty or too long. */
  send(text: string, attachments?: AttachmentRef[]): boolean;
  /** The message-and-email form: starts a conversation whose replies are also emailed. */
  leaveMessage(text: string, email: string, name?: string): boolean;
  /** Sends failed messages (or one of them) again now. */
  retry(clientId?: string): void;
  /** The visitor is typing (true on each keystroke, false when sent or cleared). Throttled. */
  typing(active: boolean): void;
  /** The visitor ends the chat. */
  close(): Promise<boolean>;
  rate(rating: number, comment?: string): Promise<boolean>;
  /** After a close: back to an empty chat (the next message starts a new conversation). */
  startNew(): void;
  saveEmail(email: string): Promise<boolean>;
  /** The chat is on screen: agent messages count as read. */
  setVisible(visible: boolean): void;
  /** The unsent text of the message box; it survives a reload of the tab. */
  draft(): string;
  setDraft(text: string): void;
  identify(identity: Identity): void;
  dispose(): void;
}

/** Runs after each change of state, with the state before and after. */
export type Effect = (before: ChatModel, after: ChatModel) => void;

/**
 * The chat's state and what the parts of the store share: every change goes through `dispatch` and the reducer,
 * then the effects run (saving the outbox, asking for a gap, receipts ...).
 */
export interface ChatCore extends Readable<ChatModel> {
  deps: ConversationDeps;
  dispatch(e: ChatEvent): void;
  effect(fn: Effect): void;
  /** The open realtime link, if any. */
  conn: VisitorConnection | null;
  /** The chat is on screen in a tab the visitor looks at. */
  visible: boolean;
  disposed: boolean;
}

export function createCore(deps: ConversationDeps, initial: ChatModel): ChatCore {
  const store = createStore<ChatModel>(initial);
  const effects: Effect[] = [];
  const core: ChatCore = {
    deps,
    get: store.get,
    subscribe: store.subscribe,
    dispatch(e) {
      const before = store.get();
      const after = chatReducer(before, e);
      if (after === before) return;
      store.set(after);
      for (const fn of effects) fn(before, after);
    },
    effect: (fn) => void effects.push(fn),
    conn: null,
    visible: false,
    disposed: false,
  };
  return core;
}
