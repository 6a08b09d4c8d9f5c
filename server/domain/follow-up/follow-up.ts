import type { Logger } from '../../lib/logger.ts';
import type { Store } from '../../storage/store.ts';
import { type EmailFileLink, fileLines, filesOf } from '../attachments/email-links.ts';
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
  /** Signed, expiring links to the files of the agent's replies; only a proved address gets them. */
  fileLink?: EmailFileLink | undefined;
}

/** Follow-up emails one address receives in an hour, from every conversation that names it (per node). */
export const FOLLOW_UPS_PER_ADDRESS_PER_HOUR = 3;

/** At most `max` sends per key in a sliding window; memory bounded by dropping the oldest keys. */
function addressBudget(max: number, windowMs: number, maxKeys = 10_000) {
  const sent = new Map<string, number[]>();
  return {
    take(key: string, now: number): boolean {
      const recent = (sent.get(key) ?? []).filter((t) => now - t < windowMs);
      const ok = recent.length < max;
      if (ok) recent.push(now);
      sent.delete(key);
      sent.set(key, recent);
      if (sent.size > maxKeys) sent.delete(sent.keys().next().value as string);
      return ok;
    },
  };
}

/**
 * When an agent answers a visitor who has left, the reply goes to the visitor's email. Replies that arrive
 * within the grace period are sent together in one email.
 */
export function startFollowUp(deps: FollowUpDeps): () => void {
  const log = deps.logger.child({ module: 'follow-up' });
  const pending = new Map<string, NodeJS.Timeout>();
  const delay = deps.delayMs ?? 60_000;
  const perAddress = addressBudget(FOLLOW_UPS_PER_ADDRESS_PER_HOUR, 3600_000);

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
    if (!perAddress.take(visitor.email, Date.now())) {
      log.warn({ conversationId }, 'follow-up held back: too many to one address this hour');
      return;
    }
    const agentName = unread[unread.length - 1]?.authorName ?? 'Our team';
    // An address nobody proved may not be the visitor's: the email carries none of the visitor's words (their
    // name, their question) and says how the address came to us.
    const opening = visitor.verified
      ? [`Hello${visitor.name ? ` ${visitor.name}` : ''},`, '', `You asked: "${c.preview}"`]
      : [
          'Hello,',
          '',
          'Someone using the help chat on our website gave this address to be answered by email.',
          'If that was not you, you can ignore this email.',
        ];
    await deps.mailer.send({
      to: visitor.email,
      subject: `${agentName} replied to your question`,
      text: [
        ...opening,
        '',
        ...unread.flatMap((m) => [
          `${m.authorName ?? 'Agent'}: ${m.text}`,
          ...fileLines(c.id, filesOf(m.system), visitor.verified ? deps.fileLink : undefined),
        ]),
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
