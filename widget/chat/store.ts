import type {
  MessageDTO,
  PageContext,
  TrailEntry,
  VisitorConversationDTO,
} from '../../server/protocol/dto.ts';
import type { Identity } from '../loader/contract.ts';
import { MESSAGE_MAX } from '../ui/limits.ts';
import { readJson, writeJson } from '../ui/storage.ts';
import { createStore, type Readable } from '../ui/store.ts';
import type { LinkState, VisitorConnection } from './client.ts';
import { RequestError } from './client.ts';
import { lastSeq, mergeMessages, newClientId } from './messages.ts';
import { createOutboxStorage, isTransient, type PendingMessage, retryDelay } from './outbox.ts';
import type { SessionStore } from './session.ts';
import type { TabChannel, TabNote } from './tabs.ts';
import { createTyping } from './typing.ts';

export type { PendingMessage } from './outbox.ts';

/** `GET /api/visitor/availability`: whether a new visitor gets the queue or the message-and-email form. */
export interface Availability {
  agentsOnline: number;
  waiting: number;
  withinHours: boolean;
  accepting: boolean;
  waitEstimateSeconds: number | null;
}

export interface ChatState {
  /** `idle`: no connection opened yet (the visitor has not written). */
  link: LinkState | 'idle';
  conversation: VisitorConversationDTO | null;
  messages: MessageDTO[];
  /** The outbox, oldest first; each keeps its clientId across retries so the server stores it once. */
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

export interface ConversationStore extends Readable<ChatState> {
  /** Queues a message and sends it as soon as there is a connection; false when empty or too long. */
  send(text: string): boolean;
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

/** How far the visitor has read a conversation. */
interface ReadMark {
  id: string;
  seq: number;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const codeOf = (e: unknown) => (e instanceof RequestError ? e.code : 'internal');

export function createConversationStore(deps: ConversationDeps): ConversationStore {
  const outbox = createOutboxStorage(deps.outboxKey ?? null);
  const draftKey = deps.outboxKey ? `${deps.outboxKey}:draft` : null;
  let draftMemory = '';
  const who = deps.identity();
  const store = createStore<ChatState>({
    link: 'idle',
    conversation: null,
    messages: [],
    pending: outbox.load().map((p) => ({ ...p, failed: false })),
    error: null,
    agentTyping: null,
    availability: null,
    availabilityChecked: false,
    email: who?.email && EMAIL.test(who.email) ? who.email : null,
  });
  const { get, set } = store;
  let conn: VisitorConnection | null = null;
  let connecting: Promise<VisitorConnection> | null = null;
  let flushing = false;
  let reauthed = false;
  let visible = false;
  let unread = 0;
  let disposed = false;
  let attempts = 0;
  let pageReported = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;

  const setPending = (pending: PendingMessage[]) => {
    set({ pending });
    outbox.save(pending);
  };

  const setUnread = (n: number) => {
    if (n === unread) return;
    unread = n;
    deps.onUnread?.(n);
  };

  // How far the visitor has read: one mark, in localStorage so that other tabs and the next page agree.
  let readMemory: ReadMark | null = null;
  const readMark = () => (deps.readKey ? readJson<ReadMark>(deps.readKey) : null) ?? readMemory;
  const setReadMark = (mark: ReadMark) => {
    readMemory = mark;
    if (deps.readKey) writeJson(deps.readKey, mark);
  };
  /** Only what a person wrote counts as unread ("Ada joined" is not worth a badge), past the read mark. */
  const countUnread = () => {
    const { conversation, messages } = get();
    const mark = readMark();
    const seen = conversation && mark?.id === conversation.id ? mark.seq : Number.POSITIVE_INFINITY;
    setUnread(messages.filter((m) => m.author === 'agent' && m.seq > seen).length);
  };
  /** A conversation met for the first time here is read up to what it holds (its old replies are not news). */
  const markKnown = () => {
    const { conversation, messages } = get();
    if (conversation && readMark()?.id !== conversation.id)
      setReadMark({ id: conversation.id, seq: lastSeq(messages) });
    countUnread();
  };

  const markRead = () => {
    const { conversation, messages } = get();
    if (!visible || !conversation || !conn || !messages.length) return;
    const seq = lastSeq(messages);
    setReadMark({ id: conversation.id, seq });
    setUnread(0);
    conn.request('message:read', { conversationId: conversation.id, seq }).catch(() => {});
    deps.tabs?.post({ kind: 'read', conversationId: conversation.id, seq });
  };

  const setConversation = (c: VisitorConversationDTO) => {
    set({ conversation: c });
    // A closed conversation stays until it is rated or the visitor starts anew: a reload still offers the rating.
    deps.session.setConversation(c.status === 'closed' && c.rating != null ? null : c.id);
  };

  const setAgentTyping = (name: string | null) => {
    clearTimeout(typingTimer);
    set({ agentTyping: name });
    // A missed "stopped typing" must not leave the indicator on for ever.
    if (name !== null) typingTimer = setTimeout(() => set({ agentTyping: null }), 8000);
  };

  const addMessages = (incoming: MessageDTO[], live: boolean) => {
    const before = get().messages;
    const messages = mergeMessages(before, incoming);
    if (messages === before) return;
    set({ messages });
    // Seen stored (e.g. through another tab's broadcast before our ack): no longer pending.
    const stored = new Set(messages.map((m) => m.clientId));
    if (get().pending.some((p) => stored.has(p.clientId)))
      setPending(get().pending.filter((p) => !stored.has(p.clientId)));
    const fresh = incoming.filter(
      (m) => m.author !== 'visitor' && m.author !== 'note' && !before.some((b) => b.id === m.id),
    );
    if (fresh.some((m) => m.author === 'agent')) setAgentTyping(null);
    if (live) for (const m of fresh) deps.onMessage?.(m);
    if (visible) markRead();
    else {
      // The agent sees "Delivered" on replies this widget has, read or not.
      const c = get().conversation;
      if (conn && c && fresh.some((m) => m.author === 'agent'))
        conn.request('message:delivered', { conversationId: c.id, seq: lastSeq(messages) }).catch(() => {});
      countUnread();
    }
  };

  /** Asks for everything after the last seq held; adopts a conversation another tab started. */
  const resync = async (c: VisitorConnection) => {
    const { conversation, messages } = get();
    const open = conversation && conversation.status !== 'closed' ? conversation.id : undefined;
    const id = open ?? deps.session.get()?.conversationId ?? conversation?.id;
    const since = id ? { [id]: id === conversation?.id ? lastSeq(messages) : 0 } : {};
    const r = await c.request('conversation:sync', { since });
    const found =
      r.conversations.find((x) => x.id === id) ??
      (conversation?.status === 'closed' ? undefined : r.conversations.find((x) => x.status !== 'closed'));
    if (!found) {
      if (id) deps.session.setConversation(null); // gone (e.g. a reset server): the next message starts anew
      return;
    }
    if (found.id !== conversation?.id) set({ messages: [] });
    setConversation(found);
    addMessages(
      r.messages.filter((m) => m.conversationId === found.id),
      false,
    );
    markKnown();
  };

  const sendOne = async (c: VisitorConnection, p: PendingMessage) => {
    const conversation = get().conversation;
    if (!conversation || conversation.status === 'closed') {
      const id = deps.identity();
      const email = p.email ?? (id?.email && EMAIL.test(id.email) ? id.email : undefined);
      const name = p.name ?? id?.name;
      const r = await c.request('conversation:start', {
        clientId: p.clientId,
        text: p.text,
        context: deps.context(),
        trail: deps.trail().slice(-50),
        ...(name ? { name: String(name).slice(0, 120) } : {}),
        ...(email ? { email } : {}),
      });
      if (r.conversation.id !== conversation?.id) set({ messages: [] });
      setConversation(r.conversation);
      addMessages([r.message], false);
      markKnown();
      deps.tabs?.post({ kind: 'message', message: r.message, conversation: r.conversation });
      deps.onEscalated?.(r.conversation.id);
    } else {
      const r = await c.request('message:send', {
        conversationId: conversation.id,
        clientId: p.clientId,
        text: p.text,
      });
      addMessages([r.message], false);
      deps.tabs?.post({ kind: 'message', message: r.message });
    }
  };

  /** Sends the outbox in order, one at a time: the first message must create the conversation the rest join. */
  const flush = async () => {
    if (flushing || !conn || get().link !== 'connected') return;
    flushing = true;
    clearTimeout(retryTimer);
    try {
      for (let p = get().pending.find((x) => !x.failed); p; p = get().pending.find((x) => !x.failed)) {
        try {
          await sendOne(conn, p);
          attempts = 0;
          setPending(get().pending.filter((x) => x.clientId !== p!.clientId));
          set({ error: null });
        } catch (e) {
          const code = codeOf(e);
          if (code === 'conversation_closed') {
            const c = get().conversation;
            if (c) set({ conversation: { ...c, status: 'closed' } });
            continue; // the same message starts a new conversation
          }
          if (isTransient(code)) {
            // Still pending: the next connect, or this timer, sends it again with the same clientId.
            if (get().link === 'connected') retryTimer = setTimeout(flush, retryDelay(attempts++));
            return;
          }
          setPending(get().pending.map((x) => (x.clientId === p!.clientId ? { ...x, failed: true } : x)));
          set({ error: code });
        }
      }
    } finally {
      flushing = false;
    }
  };

  const retry = (clientId?: string) => {
    setPending(
      get().pending.map((x) => (!clientId || x.clientId === clientId ? { ...x, failed: false } : x)),
    );
    set({ error: null });
    if (conn) void flush();
    else void ensureConnected().catch(() => {});
  };

  const typing = createTyping((on) => {
    const c = get().conversation;
    if (c && c.status !== 'closed' && conn && get().link === 'connected')
      conn.request('typing:set', { conversationId: c.id, typing: on }).catch(() => {});
  });

  /** A page loaded with a conversation going: it joins the visitor's page history, once per page load. */
  const reportPage = (c: VisitorConnection) => {
    const conversation = get().conversation;
    const { url, title } = deps.context();
    if (pageReported || !url || !conversation || conversation.status === 'closed') return;
    pageReported = true;
    c.request('page:viewed', { url, ...(title ? { title: title.slice(0, 300) } : {}) }).catch(() => {});
  };

  const open = (token: string) => {
    const c = deps.connect(token);
    conn = c;
    set({ link: 'connecting' });
    const ours = (id: string) => id === get().conversation?.id;
    // Another tab (same visitor token) may start a conversation: adopt it when this tab has none open.
    const adoptable = () => !get().conversation || get().conversation?.status === 'closed';
    c.on('message:created', (m) => {
      if (ours(m.conversationId)) addMessages([m], true);
      else if (adoptable() && m.author === 'visitor') void resync(c).catch(() => {});
    });
    c.on('conversation:updated', (x) => {
      if (ours(x.id)) setConversation(x);
      else if (adoptable() && x.status !== 'closed' && !get().pending.length) void resync(c).catch(() => {});
    });
    c.on('typing:changed', (e) => {
      if (ours(e.conversationId)) setAgentTyping(e.typing ? (e.name ?? '') : null);
    });
    c.onState((link) => {
      if (conn !== c || disposed) return;
      set({ link });
      if (link === 'connected') {
        const who = deps.identity();
        if (who) c.request('visitor:identify', who).catch(() => {});
        void resync(c)
          .catch(() => {})
          .then(() => {
            reportPage(c);
            return flush();
          });
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
      // No session (the server is down): keep the outbox and try again shortly.
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        if (get().pending.length) void ensureConnected().catch(() => {});
      }, retryDelay(attempts++));
    });
    return connecting;
  };

  const checkAvailability = () => {
    if (get().conversation || !deps.availability) return set({ availabilityChecked: true });
    deps.availability().then(
      (availability) => set({ availability, availabilityChecked: true }),
      () => set({ availabilityChecked: true }), // unknown: offer the chat; the server still decides
    );
  };

  const queue = (p: Omit<PendingMessage, 'clientId' | 'failed'>) => {
    const text = p.text.replace(/\r\n?/g, '\n').trim();
    if (!text || text.length > MESSAGE_MAX) return false;
    typing(false);
    setPending([...get().pending, { ...p, text, clientId: newClientId(), failed: false }]);
    if (conn) void flush();
    else void ensureConnected().catch(() => {});
    return true;
  };

  const command = async <T>(fn: (c: VisitorConnection) => Promise<T>): Promise<T | null> => {
    if (!conn || get().link !== 'connected') {
      set({ error: 'unavailable' });
      return null;
    }
    try {
      const r = await fn(conn);
      set({ error: null });
      return r;
    } catch (e) {
      set({ error: codeOf(e) });
      return null;
    }
  };

  /** Back to an empty chat: the next message starts a new conversation. */
  const reset = () => {
    deps.session.setConversation(null);
    set({ conversation: null, messages: [], error: null, agentTyping: null, availabilityChecked: false });
    setUnread(0);
    checkAvailability();
  };

  /** What the visitor did in another tab of this site. */
  const onNote = (n: TabNote) => {
    const current = get().conversation;
    if (n.kind === 'message' && n.message.conversationId === current?.id) {
      // Only a message that continues the sequence: a gap would be skipped by the next resync.
      if (n.message.seq <= lastSeq(get().messages) + 1) addMessages([n.message], false);
      else if (conn) void resync(conn).catch(() => {});
    } else if (n.kind === 'message' && n.conversation && (!current || current.status === 'closed')) {
      set({ messages: [] });
      setConversation(n.conversation);
      addMessages([n.message], false);
      markKnown();
      if (!conn) void ensureConnected().catch(() => {}); // for the replies
    } else if (n.kind === 'conversation' && n.conversation.id === current?.id) {
      if (n.conversation.updatedAt >= current.updatedAt) setConversation(n.conversation);
    } else if (n.kind === 'new' && n.after === current?.id) {
      reset();
    } else if (n.kind === 'read' && n.conversationId === current?.id) {
      const mark = readMark(); // already moved on where the tabs share localStorage; in memory otherwise
      if (mark?.id !== n.conversationId || n.seq > mark.seq)
        setReadMark({ id: n.conversationId, seq: n.seq });
      countUnread();
    }
  };
  const unlisten = deps.tabs?.listen(onNote);

  // A conversation from an earlier page (or an outbox from before a reload): reconnect at once.
  if (deps.session.get()?.conversationId || get().pending.length) void ensureConnected().catch(() => {});

  // Another tab started a conversation: follow it. (A cleared id is not followed: it races with this tab's own
  // rating. "Start a new conversation" in another tab comes as a tab note.)
  const unwatch = deps.session.watch?.(() => {
    const id = deps.session.get()?.conversationId;
    const current = get().conversation;
    if (id && id !== current?.id && (!current || current.status === 'closed')) {
      if (conn) void resync(conn).catch(() => {});
      else void ensureConnected().catch(() => {});
    }
  });

  return {
    get,
    subscribe: store.subscribe,
    send: (text) => queue({ text }),
    leaveMessage(text, email, name) {
      if (!EMAIL.test(email)) return false;
      const ok = queue({ text, email, ...(name?.trim() ? { name: name.trim() } : {}) });
      if (ok) set({ email });
      return ok;
    },
    retry,
    typing,
    async close() {
      const c = get().conversation;
      if (!c || c.status === 'closed') return false;
      const r = await command((x) => x.request('conversation:close', { conversationId: c.id }));
      if (r) {
        setConversation(r.conversation);
        deps.tabs?.post({ kind: 'conversation', conversation: r.conversation });
      }
      return !!r;
    },
    async rate(rating, comment) {
      const c = get().conversation;
      if (!c) return false;
      const text = comment?.trim().slice(0, 1000);
      const r = await command((x) =>
        x.request('conversation:rate', { conversationId: c.id, rating, ...(text ? { comment: text } : {}) }),
      );
      if (r) {
        setConversation(r.conversation);
        deps.tabs?.post({ kind: 'conversation', conversation: r.conversation });
      }
      return !!r;
    },
    startNew() {
      const left = get().conversation?.id;
      reset();
      if (left) deps.tabs?.post({ kind: 'new', after: left });
    },
    async saveEmail(email) {
      if (!EMAIL.test(email)) return false;
      const r = await command((x) => x.request('visitor:identify', { email }));
      if (r) set({ email });
      return !!r;
    },
    setVisible(v) {
      visible = v;
      markRead();
      if (v && !get().availabilityChecked) checkAvailability();
    },
    draft: () => (draftKey && readJson<string>(draftKey, 'sessionStorage')) || draftMemory,
    setDraft(text) {
      draftMemory = text;
      if (draftKey) writeJson(draftKey, text || null, 'sessionStorage');
    },
    identify(identity) {
      if (identity.email && EMAIL.test(identity.email)) set({ email: identity.email });
      conn?.request('visitor:identify', identity).catch(() => {});
    },
    dispose() {
      disposed = true;
      clearTimeout(retryTimer);
      clearTimeout(typingTimer);
      unwatch?.();
      unlisten?.();
      conn?.close();
    },
  };
}
