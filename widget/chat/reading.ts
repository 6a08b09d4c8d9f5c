import { readJson, writeJson } from '../ui/storage.ts';
import { lastSeq } from '../ui/transcript.ts';
import type { ChatCore } from './core.ts';

/** How far the visitor has read a conversation. */
interface ReadMark {
  id: string;
  seq: number;
}

/**
 * Unread counts and receipts. How far the visitor has read is one mark, in localStorage, so that other tabs and
 * the next page agree. Only what a person wrote counts as unread ("Ada joined" is not worth a badge).
 */
export function createReading(core: ChatCore) {
  const { deps } = core;
  let unread = 0;
  let memory: ReadMark | null = null;
  const readMark = () => (deps.readKey ? readJson<ReadMark>(deps.readKey) : null) ?? memory;
  const setReadMark = (mark: ReadMark) => {
    memory = mark;
    if (deps.readKey) writeJson(deps.readKey, mark);
  };
  const setUnread = (n: number) => {
    if (n === unread) return;
    unread = n;
    deps.onUnread?.(n);
  };
  const countUnread = () => {
    const { conversation, messages } = core.get();
    const mark = readMark();
    const seen = conversation && mark?.id === conversation.id ? mark.seq : Number.POSITIVE_INFINITY;
    setUnread(messages.filter((m) => m.author === 'agent' && m.seq > seen).length);
  };
  /** A conversation met for the first time here is read up to what it holds (its old replies are not news). */
  const markKnown = () => {
    const { conversation, messages } = core.get();
    if (conversation && readMark()?.id !== conversation.id)
      setReadMark({ id: conversation.id, seq: lastSeq(messages) });
  };
  const markRead = () => {
    const { conversation, messages } = core.get();
    const conn = core.conn;
    if (!core.visible || !conversation || !conn || !messages.length) return;
    const seq = lastSeq(messages);
    setReadMark({ id: conversation.id, seq });
    setUnread(0);
    conn.request('message:read', { conversationId: conversation.id, seq }).catch(() => {});
    deps.tabs?.post({ kind: 'read', conversationId: conversation.id, seq });
  };

  core.effect((before, after) => {
    const c = after.conversation;
    if (!c) return setUnread(0);
    const switched = before.conversation?.id !== c.id;
    if (after.messages === before.messages && !switched) return;
    const fresh = after.messages.filter((m) => m.author !== 'visitor' && !before.messages.includes(m));
    // Replies new to this page (not those a conversation met here already held) reach the host page.
    if (!switched) for (const m of fresh) deps.onMessage?.(m);
    if (switched) markKnown();
    if (core.visible) return markRead();
    // The agent sees "Delivered" on replies this widget has, read or not.
    if (core.conn && fresh.some((m) => m.author === 'agent'))
      core.conn
        .request('message:delivered', { conversationId: c.id, seq: lastSeq(after.messages) })
        .catch(() => {});
    countUnread();
  });

  return {
    markRead,
    setVisible(v: boolean) {
      core.visible = v;
      markRead();
    },
    /** The visitor read up to `seq` in another tab. */
    readElsewhere(conversationId: string, seq: number) {
      const mark = readMark(); // already moved on where the tabs share localStorage; in memory otherwise
      if (mark?.id !== conversationId || seq > mark.seq) setReadMark({ id: conversationId, seq });
      countUnread();
    },
  };
}
