import type { VisitorConversationDTO } from '../../server/protocol/dto.ts';
import type { VisitorConnection } from './client.ts';
import type { ChatCore } from './core.ts';
import { codeOf, EMAIL } from './sender.ts';
import { createTyping } from './typing.ts';

/**
 * The visitor's commands besides sending: end, rate, give an address, type, report a page. A conversation a
 * command answers with goes through the same `received` event as every fact, and to the visitor's other tabs.
 */
export function createCommands(core: ChatCore) {
  const { deps, get, dispatch } = core;
  let pageReported = false;

  /** Runs a command on the open link: null (and an error code in the state) when it fails. */
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
  const change = async (
    fn: (c: VisitorConnection, id: string) => Promise<{ conversation: VisitorConversationDTO }>,
    onlyOpen: boolean,
  ) => {
    const c = get().conversation;
    if (!c || (onlyOpen && c.status === 'closed')) return false;
    const r = await command((x) => fn(x, c.id));
    if (!r) return false;
    dispatch({ type: 'received', conversation: r.conversation });
    deps.tabs?.post({ kind: 'conversation', conversation: r.conversation });
    return true;
  };

  return {
    close: () => change((x, id) => x.request('conversation:close', { conversationId: id }), true),
    rate(rating: number, comment?: string) {
      const text = comment?.trim().slice(0, 1000);
      return change(
        (x, id) =>
          x.request('conversation:rate', { conversationId: id, rating, ...(text ? { comment: text } : {}) }),
        false,
      );
    },
    async saveEmail(email: string) {
      if (!EMAIL.test(email)) return false;
      const r = await command((x) => x.request('visitor:identify', { email }));
      if (r) dispatch({ type: 'email', email });
      return !!r;
    },
    /** While the visitor types: throttled (typing.ts). */
    typing: createTyping((on) => {
      const c = get().conversation;
      if (c && c.status !== 'closed' && core.conn && get().link === 'connected')
        core.conn.request('typing:set', { conversationId: c.id, typing: on }).catch(() => {});
    }),
    /** A page loaded with a conversation going: it joins the visitor's page history, once per page load. */
    reportPage(c: VisitorConnection) {
      const conversation = get().conversation;
      const { url, title } = deps.context();
      if (pageReported || !url || !conversation || conversation.status === 'closed') return;
      pageReported = true;
      c.request('page:viewed', { url, ...(title ? { title: title.slice(0, 300) } : {}) }).catch(() => {});
    },
  };
}
