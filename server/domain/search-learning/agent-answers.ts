import type { ConversationEvents } from '../conversations/core.ts';
import type { Emitter } from '../emitter.ts';
import type { SearchLearning } from './learning.ts';

/** An article link in a message's text: `<origin>/kb/<slug>`. */
const ARTICLE_LINK = /\/kb\/([a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*)/g;

/**
 * A search that ended in a chat where the agent answered with an article teaches search the same
 * way a helpful vote does: the visitor's last search before asking, and the article the agent sent
 * (inserted with the composer's article picker, or linked in the text).
 * Each conversation's visitor counts as one visitor, so one chat alone never boosts anything.
 * Returns a function that stops listening.
 */
export function learnFromAgentAnswers(
  events: Emitter<ConversationEvents>,
  learning: SearchLearning,
  onError: (error: unknown) => void,
): () => void {
  return events.on('message.created', ({ message, conversation }) => {
    if (message.author !== 'agent') return;
    const inserted = message.system?.kind === 'article' ? message.system.slug : undefined;
    const linked = [...message.text.matchAll(ARTICLE_LINK)].map((m) => m[1] as string);
    const slugs = [...new Set([...(typeof inserted === 'string' ? [inserted] : []), ...linked])];
    if (slugs.length === 0) return;
    const trail = conversation.trail as Array<{ kind?: string; query?: unknown }>;
    const search = [...trail].reverse().find((e) => e.kind === 'search' && typeof e.query === 'string');
    if (!search) return;
    for (const slug of slugs.slice(0, 3))
      learning
        .record({
          query: search.query as string,
          slug,
          kind: 'agent',
          visitor: `conversation-visitor:${conversation.visitorId}`,
          address: `conversation-visitor:${conversation.visitorId}`,
        })
        .catch(onError);
  });
}
