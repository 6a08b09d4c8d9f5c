import { newClientId } from '../ui/client-id.ts';
import { MESSAGE_MAX } from '../ui/limits.ts';
import { readJson, writeJson } from '../ui/storage.ts';
import { createCommands } from './commands.ts';
import { type ConversationDeps, type ConversationStore, createCore } from './core.ts';
import { createLink } from './link.ts';
import { createOutboxStorage, type PendingMessage } from './outbox.ts';
import { createReading } from './reading.ts';
import { initialChat } from './reducer.ts';
import { createSender, EMAIL } from './sender.ts';

export type { ConversationDeps, ConversationStore } from './core.ts';
export type { PendingMessage } from './outbox.ts';
export type { Availability, ChatState } from './reducer.ts';
export { EMAIL } from './sender.ts';

/**
 * The visitor's chat: the state lives in one pure reducer (`reducer.ts`); this wires it to the realtime link
 * (`link.ts`), the outbox (`sender.ts`), receipts (`reading.ts`), the session and the visitor's other tabs.
 */
export function createConversationStore(deps: ConversationDeps): ConversationStore {
  const outbox = createOutboxStorage(deps.outboxKey ?? null);
  const draftKey = deps.outboxKey ? `${deps.outboxKey}:draft` : null;
  let draftMemory = '';
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
  const commands = createCommands(core);
  const { typing } = commands;
  const link = createLink(core, {
    connected(c) {
      commands.reportPage(c);
      void sender.flush();
    },
  });
  const sendNow = () => (core.conn ? void sender.flush() : link.connect());

  // Asked with a conversation too: the team's pictures and the greeting come with the answer.
  const checkAvailability = () => {
    if (!deps.availability) return dispatch({ type: 'availability', availability: get().availability });
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
    send: (text, attachments) => queue({ text, ...(attachments?.length ? { attachments } : {}) }),
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
    close: commands.close,
    rate: commands.rate,
    startNew() {
      const left = get().conversation?.id;
      reset();
      if (left) deps.tabs?.post({ kind: 'new', after: left });
    },
    saveEmail: commands.saveEmail,
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
