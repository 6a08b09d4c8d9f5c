import type { Logger } from '../lib/logger.ts';
import type { InboxSummary } from '../protocol/events.ts';
import type { ConversationRow, MessageRow } from '../storage/store.ts';
import type { AgentNamespace } from './namespaces.ts';
import { rooms } from './rooms.ts';

/** How often the consoles that do not show a conversation hear where it stands. */
export const SUMMARY_MS = 250;
const PREVIEW_CHARS = 80;

/**
 * Collects the newest message of each conversation and tells every console once per tick, in one frame.
 * A summary is sent after the messages it sums up (they went out when added), so a console that has a
 * message whole never hears of a newer seq from a summary first; a summary never lowers what a console knows.
 */
export function startSummaries(agents: AgentNamespace, logger: Logger) {
  const pending = new Map<string, InboxSummary>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (pending.size === 0) return;
    const conversations = [...pending.values()];
    pending.clear();
    try {
      agents.to(rooms.agents).emit('inbox:summary', { conversations });
    } catch (err) {
      logger.error({ err }, 'inbox summary failed');
    }
  };
  return {
    add(conversation: ConversationRow, message: MessageRow) {
      const known = pending.get(conversation.id);
      if (known && known.lastSeq > message.seq) return;
      const lastSeq = Math.max(conversation.lastSeq, message.seq);
      pending.set(conversation.id, {
        conversationId: conversation.id,
        status: conversation.status as InboxSummary['status'],
        lastSeq,
        lastMessageAt: message.createdAt,
        author: message.author as InboxSummary['author'],
        preview: message.author === 'note' ? '' : message.text.slice(0, PREVIEW_CHARS),
        unread: Math.max(0, lastSeq - conversation.agentReadSeq),
      });
      if (!timer) {
        timer = setTimeout(flush, SUMMARY_MS);
        timer.unref();
      }
    },
    stop() {
      clearTimeout(timer);
      pending.clear();
    },
  };
}
