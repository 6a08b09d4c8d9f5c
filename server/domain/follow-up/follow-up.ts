import type { Logger } from '../../lib/logger.ts';
import type { Store } from '../../storage/store.ts';
import type { ConversationEvents } from '../conversations/conversations.ts';
import type { Emitter } from '../emitter.ts';
import type { Mailer } from './mailer.ts';

export interface FollowUpDeps {
  store: Store;
  events: Emitter<ConversationEvents>;
  mailer: Mailer;
  logger: Logger;
  /** Is the visitor connected anywhere right now (any tab, any node)? */
  isVisitorOnline(visitorId: string): Promise<boolean>;
  /** Grace before emailing, so a visitor who is back within it reads the reply in the widget. */
  delayMs?: number;
}

/**
 * When an agent answers a visitor who has left, the reply goes to the visitor's email. Replies that arrive
 * within the grace period are sent together in one email.
 */
export function startFollowUp(deps: FollowUpDeps): () => void {
  const log = deps.logger.child({ module: 'follow-up' });
  const pending = new Map<string, NodeJS.Timeout>();
  const delay = deps.delayMs ?? 60_000;

  const flush = async (conversationId: string) => {
    pending.delete(conversationId);
    const c = await deps.store.conversations.byId(conversationId);
    if (!c) return;
    const visitor = await deps.store.visitors.byId(c.visitorId);
    if (!visitor?.email || (await deps.isVisitorOnline(visitor.id))) return;
    const unread = (await deps.store.messages.since(c.id, c.visitorReadSeq)).filter(
      (m) => m.author === 'agent',
    );
    if (unread.length === 0) return;
    const agentName = unread[unread.length - 1]?.authorName ?? 'Our team';
    await deps.mailer.send({
      to: visitor.email,
      subject: `${agentName} replied to your question`,
      text: [
        `Hello${visitor.name ? ` ${visitor.name}` : ''},`,
        '',
        `You asked: "${c.preview}"`,
        '',
        ...unread.map((m) => `${m.authorName ?? 'Agent'}: ${m.text}`),
        '',
        'Open the help widget on our site to continue the conversation.',
      ].join('\n'),
    });
  };

  const off = deps.events.on('message.created', ({ message, conversation }) => {
    if (message.author !== 'agent' || pending.has(conversation.id)) return;
    const timer = setTimeout(() => {
      flush(conversation.id).catch((err: unknown) => log.error({ err }, 'follow-up email failed'));
    }, delay);
    timer.unref();
    pending.set(conversation.id, timer);
  });

  return () => {
    off();
    for (const t of pending.values()) clearTimeout(t);
    pending.clear();
  };
}
