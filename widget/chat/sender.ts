import type { MessageSendInput } from '../../server/protocol/schemas.ts';
import { RequestError, type VisitorConnection } from './client.ts';
import type { ChatCore } from './core.ts';
import { isTransient, type PendingMessage, retryDelay } from './outbox.ts';

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const codeOf = (e: unknown) => (e instanceof RequestError ? e.code : 'internal');

/**
 * Sends the outbox in order, one at a time: the first message must create the conversation the rest join. An ack
 * goes through the same `received` event as every fact; only then does the message leave the outbox.
 */
export function createSender(core: ChatCore) {
  const { deps, get, dispatch } = core;
  let flushing = false;
  let attempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

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
      dispatch({ type: 'received', conversation: r.conversation, messages: [r.message], replace: true });
      deps.tabs?.post({ kind: 'message', message: r.message, conversation: r.conversation });
      deps.onEscalated?.(r.conversation.id);
    } else {
      const r = await c.request('message:send', {
        conversationId: conversation.id,
        clientId: p.clientId,
        text: p.text,
        ...(p.attachments ? { attachments: p.attachments as MessageSendInput['attachments'] } : {}),
      });
      dispatch({ type: 'received', messages: [r.message] });
      deps.tabs?.post({ kind: 'message', message: r.message });
    }
  };

  const flush = async () => {
    const c = core.conn;
    if (flushing || !c || get().link !== 'connected') return;
    flushing = true;
    clearTimeout(retryTimer);
    try {
      for (let p = get().outbox.find((x) => !x.failed); p; p = get().outbox.find((x) => !x.failed)) {
        try {
          await sendOne(c, p);
          attempts = 0;
          dispatch({ type: 'sent', clientId: p.clientId });
        } catch (e) {
          const code = codeOf(e);
          if (code === 'conversation_closed') {
            dispatch({ type: 'closed' });
            continue; // the same message starts a new conversation
          }
          if (isTransient(code)) {
            // Still pending: the next connect, or this timer, sends it again with the same clientId.
            if (get().link === 'connected') retryTimer = setTimeout(flush, retryDelay(attempts++));
            return;
          }
          dispatch({ type: 'refused', clientId: p.clientId, code });
        }
      }
    } finally {
      flushing = false;
    }
  };

  return {
    flush,
    dispose: () => clearTimeout(retryTimer),
  };
}
