import type { MessageRow, NewMessage } from '../rows.ts';
import type { MessageStore } from '../store.ts';
import { copy, type MemoryState } from './state.ts';

export function memoryMessages(s: MemoryState): MessageStore {
  const appendIf: MessageStore['appendIf'] = async (m: NewMessage, guard) => {
    const c = s.conversations.get(m.conversationId);
    const stored = s.messages.get(m.conversationId) ?? [];
    if (!c) return undefined;
    if (guard.visitorId !== undefined && c.visitorId !== guard.visitorId) return undefined;
    if (guard.open && c.status === 'closed') return undefined;
    // As in the databases: past the guard, a retried clientId finds the message stored first.
    const retried = m.clientId ? stored.find((x) => x.clientId === m.clientId) : undefined;
    if (retried) return { message: copy(retried), created: false };
    c.lastSeq += 1;
    c.lastMessageAt = m.createdAt;
    c.updatedAt = m.createdAt;
    const message: MessageRow = {
      id: m.id,
      conversationId: m.conversationId,
      seq: c.lastSeq,
      clientId: m.clientId,
      author: m.author,
      authorId: m.authorId,
      authorName: m.authorName,
      text: m.text,
      system: m.system ? copy(m.system) : null,
      createdAt: m.createdAt,
    };
    s.messages.set(m.conversationId, [...stored, message]);
    const { startClientId: _, ...conversation } = c;
    return { message: copy(message), created: true, conversation: copy(conversation) };
  };
  return {
    async append(m, options) {
      const result = await appendIf(m, { ...options });
      if (!result) throw new Error(`no conversation ${m.conversationId}`);
      return result;
    },
    appendIf,
    since: async (conversationId, since, limit = 1000) =>
      copy((s.messages.get(conversationId) ?? []).filter((m) => m.seq > since).slice(0, limit)),
  };
}
