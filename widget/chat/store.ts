import type {
  MessageDTO,
  PageContext,
  TrailEntry,
  VisitorConversationDTO,
} from '../../server/protocol/dto.ts';
import type { Identity } from '../loader/contract.ts';
import { MESSAGE_MAX } from '../ui/limits.ts';
import { createStore, type Readable } from '../ui/store.ts';
import type { LinkState, VisitorConnection } from './client.ts';
import { RequestError } from './client.ts';
import { lastSeq, mergeMessages, newClientId } from './messages.ts';
import type { SessionStore } from './session.ts';

/** A message typed but not yet acknowledged. `failed`: waits for the next (re)connect or a retry. */
export interface PendingMessage {
  clientId: string;
  text: string;
  failed: boolean;
}

export interface ChatState {
  /** `idle`: no connection opened yet (the visitor has not written). */
  link: LinkState | 'idle';
  conversation: VisitorConversationDTO | null;
  messages: MessageDTO[];
  /** The outbox, oldest first; each keeps its clientId across retries so the server stores it once. */
  pending: PendingMessage[];
  /** Error code of the last failed send, if any (e.g. rate_limited). */
  error: string | null;
}

export interface ConversationDeps {
  session: SessionStore;
  connect(token: string): VisitorConnection;
  context(): PageContext;
  trail(): TrailEntry[];
  identity(): Identity | null;
  onEscalated?(conversationId: string): void;
  onMessage?(message: MessageDTO): void;
  onUnread?(count: number): void;
}

export interface ConversationStore extends Readable<ChatState> {
  /** Queues a message and sends it as soon as there is a connection; false when empty or too long. */
  send(text: string): boolean;
  /** Sends failed messages again now. */
  retry(): void;
  /** The chat is on screen: agent messages count as read. */
  setVisible(visible: boolean): void;
  identify(identity: Identity): void;
  dispose(): void;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function createConversationStore(deps: ConversationDeps): ConversationStore {
  const store = createStore<ChatState>({
    link: 'idle',
    conversation: null,
    messages: [],
    pending: [],
    error: null,
  });
  const { get, set } = store;
  let conn: VisitorConnection | null = null;
  let connecting: Promise<VisitorConnection> | null = null;
  let flushing = false;
  let reauthed = false;
  let visible = false;
  let unread = 0;
  let disposed = false;

  const setUnread = (n: number) => {
    if (n === unread) return;
    unread = n;
    deps.onUnread?.(n);
  };

  const markRead = () => {
    const { conversation, messages } = get();
    if (!visible || !conversation || !conn || !messages.length) return;
    setUnread(0);
    conn.request('message:read', { conversationId: conversation.id, seq: lastSeq(messages) }).catch(() => {});
  };

  const setConversation = (c: VisitorConversationDTO) => {
    set({ conversation: c });
    deps.session.setConversation(c.status === 'closed' ? null : c.id);
  };

  const addMessages = (incoming: MessageDTO[], live: boolean) => {
    const before = get().messages;
    const messages = mergeMessages(before, incoming);
    if (messages === before) return;
    set({ messages });
    const fresh = incoming.filter(
      (m) => m.author !== 'visitor' && m.author !== 'note' && !before.some((b) => b.id === m.id),
    );
    if (live) for (const m of fresh) deps.onMessage?.(m);
    if (visible) markRead();
    else if (live && fresh.length) setUnread(unread + fresh.length);
  };

  const resync = async (c: VisitorConnection) => {
    const { conversation, messages } = get();
    const id = conversation?.id ?? deps.session.get()?.conversationId;
    const r = await c.request('conversation:sync', id ? { since: { [id]: lastSeq(messages) } } : {});
    const found = r.conversations.find((x) => x.id === id);
    if (found) setConversation(found);
    else if (id) deps.session.setConversation(null); // gone (e.g. a reset server): the next message starts anew
    if (found)
      addMessages(
        r.messages.filter((m) => m.conversationId === found.id),
        false,
      );
  };

  const sendOne = async (c: VisitorConnection, p: PendingMessage) => {
    const conversation = get().conversation;
    if (!conversation || conversation.status === 'closed') {
      const who = deps.identity();
      const r = await c.request('conversation:start', {
        clientId: p.clientId,
        text: p.text,
        context: deps.context(),
        trail: deps.trail().slice(-50),
        ...(who?.name ? { name: String(who.name).slice(0, 120) } : {}),
        ...(who?.email && EMAIL.test(who.email) ? { email: who.email } : {}),
      });
      setConversation(r.conversation);
      addMessages([r.message], false);
      deps.onEscalated?.(r.conversation.id);
    } else {
      const r = await c.request('message:send', {
        conversationId: conversation.id,
        clientId: p.clientId,
        text: p.text,
      });
      addMessages([r.message], false);
    }
  };

  /** Sends the outbox in order, one at a time: the first message must create the conversation the rest join. */
  const flush = async () => {
    if (flushing || !conn || get().link !== 'connected') return;
    flushing = true;
    try {
      for (let p = get().pending[0]; p && !p.failed; p = get().pending[0]) {
        try {
          await sendOne(conn, p);
          set({ pending: get().pending.filter((x) => x.clientId !== p!.clientId), error: null });
        } catch (e) {
          const code = e instanceof RequestError ? e.code : 'internal';
          if (code === 'conversation_closed') {
            const c = get().conversation;
            if (c) set({ conversation: { ...c, status: 'closed' } });
            continue; // the same message starts a new conversation
          }
          set({ pending: get().pending.map((x) => ({ ...x, failed: true })), error: code });
          return;
        }
      }
    } finally {
      flushing = false;
    }
  };

  const retry = () => {
    set({ pending: get().pending.map((x) => ({ ...x, failed: false })), error: null });
    if (conn) void flush();
    else void ensureConnected().catch(() => {});
  };

  const open = (token: string) => {
    const c = deps.connect(token);
    conn = c;
    set({ link: 'connecting' });
    c.on('message:created', (m) => {
      if (m.conversationId === get().conversation?.id) addMessages([m], true);
    });
    c.on('conversation:updated', (x) => {
      if (x.id === get().conversation?.id) setConversation(x);
    });
    c.onState((link) => {
      if (conn !== c || disposed) return;
      set({ link });
      if (link === 'connected') {
        const who = deps.identity();
        if (who) c.request('visitor:identify', who).catch(() => {});
        void resync(c)
          .catch(() => {})
          .then(() => retry());
      } else if (link === 'unauthorized' && !reauthed) {
        // The token was refused (expired, or a reset server): start over as a new visitor, keeping the outbox.
        reauthed = true;
        c.close();
        conn = null;
        connecting = null;
        deps.session.clear();
        set({ conversation: null, messages: [] });
        void ensureConnected().catch(() => {});
      }
    });
    return c;
  };

  const ensureConnected = (): Promise<VisitorConnection> => {
    connecting ||= (async () => {
      const stored = deps.session.get() ?? (await deps.session.create(deps.context()));
      return open(stored.token);
    })();
    connecting.catch(() => {
      connecting = null;
      set({ pending: get().pending.map((x) => ({ ...x, failed: true })), error: 'unavailable' });
    });
    return connecting;
  };

  // A conversation from an earlier page: reconnect at once to bring its history back.
  if (deps.session.get()?.conversationId) void ensureConnected().catch(() => {});

  return {
    get,
    subscribe: store.subscribe,
    send(raw) {
      const text = raw.replace(/\r\n?/g, '\n').trim();
      if (!text || text.length > MESSAGE_MAX) return false;
      set({ pending: [...get().pending, { clientId: newClientId(), text, failed: false }] });
      if (conn) void flush();
      else void ensureConnected().catch(() => {});
      return true;
    },
    retry,
    setVisible(v) {
      visible = v;
      markRead();
    },
    identify(who) {
      conn?.request('visitor:identify', who).catch(() => {});
    },
    dispose() {
      disposed = true;
      conn?.close();
    },
  };
}
