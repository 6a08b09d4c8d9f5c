// The chat chunk's entry, loaded with import() when the visitor asks for a person (or has a conversation).
// The only place socket.io-client enters the widget.
import type { TrailEntry } from '../../server/protocol/dto.ts';
import type { Identity } from '../loader/contract.ts';
import { storageKey } from '../ui/storage.ts';
import { setFileAccess } from './attachments/LazyFiles.tsx';
import { ChatScreen } from './ChatScreen.tsx';
import css from './chat.css?inline';
import { connectVisitor } from './client.ts';
import { createSessionStore, pageContext } from './session.ts';
import {
  type Availability,
  type ConversationDeps,
  type ConversationStore,
  createConversationStore,
} from './store.ts';
import { setTranscriptAccess } from './TranscriptForm.tsx';
import { createTabChannel } from './tabs.ts';

export { systemText } from './system-text.ts';

export interface ChatOptions {
  base: string;
  locale: string;
  trail(): TrailEntry[];
  identity(): Identity | null;
  availability(): Promise<Availability>;
  outboxKey: string;
  onEscalated?: ConversationDeps['onEscalated'];
  onMessage?: ConversationDeps['onMessage'];
  onUnread?: ConversationDeps['onUnread'];
  adoptStyles(css: string): void;
}

/** The view and the store the app keeps for the rest of the page's life. */
export interface ChatHandle {
  ChatScreen: typeof ChatScreen;
  store: ConversationStore;
}

export function createChat(o: ChatOptions): ChatHandle {
  o.adoptStyles(css);
  const session = createSessionStore(o.base);
  setFileAccess({
    base: o.base,
    token: () => session.get()?.token,
    adoptStyles: o.adoptStyles,
    locale: o.locale,
  });
  setTranscriptAccess({ base: o.base, token: () => session.get()?.token });
  const store = createConversationStore({
    session,
    connect: (token) => connectVisitor(o.base, token),
    context: () => pageContext(o.locale),
    trail: o.trail,
    identity: o.identity,
    availability: o.availability,
    outboxKey: o.outboxKey,
    tabs: createTabChannel(storageKey(o.base, 'tabs')),
    readKey: storageKey(o.base, 'read'),
    onEscalated: o.onEscalated,
    onMessage: o.onMessage,
    onUnread: o.onUnread,
  });
  return { ChatScreen, store };
}
