import type { VisitorConversationDTO } from '../../server/protocol/dto.ts';
import type { Identity } from '../loader/contract.ts';
import { newClientId } from '../ui/client-id.ts';
import { MESSAGE_MAX } from '../ui/limits.ts';
import { readJson, writeJson } from '../ui/storage.ts';
import type { Readable } from '../ui/store.ts';
import type { VisitorConnection } from './client.ts';
import { type ConversationDeps, createCore } from './core.ts';
import { createLink } from './link.ts';
import { createOutboxStorage, type PendingMessage } from './outbox.ts';
import { createReading } from './reading.ts';
import { type ChatModel, initialChat } from './reducer.ts';
import { codeOf, createSender, EMAIL } from './sender.ts';
import { createTyping } from './typing.ts';

export type { ConversationDeps } from './core.ts';
export type { PendingMessage } from './outbox.ts';
export type { Availability, ChatState } from './reducer.ts';
export { EMAIL } from './sender.ts';

export interface ConversationStore extends Readable<ChatModel> {
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

/**
 * The visitor's chat: the state lives in one pure reducer (`reducer.ts`); this wires it to the realtime link
 * (`link.ts`), the outbox (`sender.ts`), receipts (`reading.ts`), the session and the visitor's other tabs.
 */
export function createConversationStore(deps: ConversationDeps): ConversationStore {
  const outbox = createOutboxStorage(deps.outboxKey ?? null);
  const draftKey = deps.outboxKey ? `${deps.outboxKey}:draft` : null;
  let draftMemory = '';
  let pageReported = false;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  const who = deps.identity();
  const email = who?.email && EMAIL.test(who.email) ? who.email : null;
  const core = createCore(
    deps,
    initialChat(
      outbox.load().map((p) => ({ ...p, failed: false })),
      email,
    ),
  );
  const { get, dispatch } = core;

  core.effect((before, after) => {
    if (after.outbox !== before.outbox) outbox.save(after.outbox);
    const c = after.conversation;
    // A closed conversation stays until it is rated or the visitor starts anew: a reload still offers the rating.
    if (c !== before.conversation)
      deps.session.setConversation(c && !(c.status === 'closed' && c.rating != null) ? c.id : null);
    if (after.agentTyping !== before.agentTyping) {
      clearTimeout(typingTimer);
      // A missed "stopped typing" must not leave the indicator on for ever.
      if (after.agentTyping !== null)
        typingTimer = setTimeout(() => dispatch({ type: 'typing', name: null }), 8000);
    }
  });

  const reading = createReading(core);
  const sender = createSender(core);
  /** A page loaded with a conversation going: it joins the visitor's page history, once per page load. */
  const reportPage = (c: VisitorConnection) => {
    const conversation = get().conversation;
    const { url, title } = deps.context();
    if (pageReported || !url || !conversation || conversation.status === 'closed') return;
    pageReported = true;
    c.request('page:viewed', { url, ...(title ? { title: title.slice(0, 300) } : {}) }).catch(() => {});
  };
  const link = createLink(core, {
    connected(c) {
      reportPage(c);
      void sender.flush();
    },
  });
  const sendNow = () => (core.conn ? void sender.flush() : link.connect());

  const typing = createTyping((on) => {
    const c = get().conversation;
    if (c && c.status !== 'closed' && core.conn && get().link === 'connected')
      core.conn.request('typing:set', { conversationId: c.id, typing: on }).catch(() => {});
  });

  const checkAvailability = () => {
    if (get().conversation || !deps.availability)
      return dispatch({ type: 'availability', availability: get().availability });
    deps.availability().then(
      (availability) => dispatch({ type: 'availability', availability }),
      () => dispatch({ type: 'availability', availability: null }), // unknown: offer the chat; the server decides
    );
  };

  const queue = (p: Omit<PendingMessage, 'clientId' | 'failed'>) => {
    const text = p.text.replace(/\r\n?/g, '\n').trim();
    if (!text || text.length > MESSAGE_MAX) return false;
    typing(false);
    dispatch({ type: 'queued', message: { ...p, text, clientId: newClientId(), failed: false } });
    sendNow();
    return true;
  };

  /** Runs a command on the open link; the conversation it answers with is received like any other. */
  const command = async <T>(fn: (c: VisitorConnection) => Promise<T>): Promise<T | null> => {
    if (!core.conn || get().link !== 'connected') {
      dispatch({ type: 'error', code: 'unavailable' });
      return null;
    }
    try {
      const r = await fn(core.conn);
      dispatch({ type: 'error', code: null });
      return r;
    } catch (e) {
      dispatch({ type: 'error', code: codeOf(e) });
      return null;
    }
  };
  const changeConversation = async (
    fn: (c: VisitorConnection, id: string) => Promise<{ conversation: VisitorConversationDTO }>,
    open: boolean,
  ) => {
    const c = get().conversation;
    if (!c || (open && c.status === 'closed')) return false;
    const r = await command((x) => fn(x, c.id));
    if (!r) return false;
    dispatch({ type: 'received', conversation: r.conversation });
    deps.tabs?.post({ kind: 'conversation', conversation: r.conversation });
    return true;
  };

  const reset = () => {
    dispatch({ type: 'reset', recheck: true });
    checkAvailability();
  };

  const unlisten = deps.tabs?.listen((n) => {
    if (n.kind === 'new' && n.after === get().conversation?.id) reset();
    else if (n.kind === 'read' && n.conversationId === get().conversation?.id)
      reading.readElsewhere(n.conversationId, n.seq);
    else link.onNote(n);
  });
  // Another tab started a conversation: follow it. (A cleared id is not followed: it races with this tab's own
  // rating. "Start a new conversation" in another tab comes as a tab note.)
  const unwatch = deps.session.watch?.(link.followSession);

  // A conversation from an earlier page (or an outbox from before a reload): reconnect at once.
  if (deps.session.get()?.conversationId || get().outbox.length) link.connect();

  return {
    get,
    subscribe: core.subscribe,
    send: (text) => queue({ text }),
    leaveMessage(text, email, name) {
      if (!EMAIL.test(email)) return false;
      const ok = queue({ text, email, ...(name?.trim() ? { name: name.trim() } : {}) });
      if (ok) dispatch({ type: 'email', email });
      return ok;
    },
    retry(clientId) {
      dispatch({ type: 'retry', ...(clientId ? { clientId } : {}) });
      sendNow();
    },
    typing,
    close: () => changeConversation((x, id) => x.request('conversation:close', { conversationId: id }), true),
    rate(rating, comment) {
      const text = comment?.trim().slice(0, 1000);
      return changeConversation(
        (x, id) =>
          x.request('conversation:rate', { conversationId: id, rating, ...(text ? { comment: text } : {}) }),
        false,
      );
    },
    startNew() {
      const left = get().conversation?.id;
      reset();
      if (left) deps.tabs?.post({ kind: 'new', after: left });
    },
    async saveEmail(email) {
      if (!EMAIL.test(email)) return false;
      const r = await command((x) => x.request('visitor:identify', { email }));
      if (r) dispatch({ type: 'email', email });
      return !!r;
    },
    setVisible(v) {
      reading.setVisible(v);
      if (v && !get().availabilityChecked) checkAvailability();
    },
    draft: () => (draftKey && readJson<string>(draftKey, 'sessionStorage')) || draftMemory,
    setDraft(text) {
      draftMemory = text;
      if (draftKey) writeJson(draftKey, text || null, 'sessionStorage');
    },
    identify(identity) {
      if (identity.email && EMAIL.test(identity.email)) dispatch({ type: 'email', email: identity.email });
      core.conn?.request('visitor:identify', identity).catch(() => {});
    },
    dispose() {
      core.disposed = true;
      clearTimeout(typingTimer);
      sender.dispose();
      unwatch?.();
      unlisten?.();
      link.dispose();
    },
  };
}
