import type { MessageDTO } from '../../server/protocol/dto.ts';
import type { ChatMessages } from '../app/i18n/index.ts';
import { AgentAvatar } from './agent-avatar.tsx';
import { LazyFiles } from './attachments/LazyFiles.tsx';
import type { PendingMessage } from './store.ts';
import { systemText } from './system-text.ts';

/** How the chat opens an article an agent sent: inline in the widget, or at its readable URL. */
export interface ArticleLinks {
  open: (slug: string) => void;
  url: (slug: string) => string;
}

type Props = { t: ChatMessages } & (
  | {
      message: MessageDTO;
      pending?: undefined;
      receipt?: 'sent' | 'delivered' | 'read' | null;
      articles?: ArticleLinks | undefined;
      /** Follows on from the message before by the same person: the name, face and time are not repeated. */
      grouped?: boolean;
      /** The author's picture path, when they have one. */
      picture?: string | null | undefined;
    }
  | { pending: PendingMessage; message?: undefined; online: boolean; onRetry: (clientId: string) => void }
);

/** One message. Text is rendered as text (a text node), never as HTML. */
export function MessageItem(props: Props) {
  const { message, pending, t } = props;
  if (message?.author === 'system') {
    // Worded here in the widget's language (and direction); an older line keeps its stored text and its own direction.
    const said = systemText(message, t);
    return (
      <li class="msg msg-system">
        <p class="msg-text" dir={said === null ? 'auto' : undefined}>
          {said ?? message.text}
        </p>
      </li>
    );
  }
  const mine = pending !== undefined || message?.author === 'visitor';
  const article = message?.article;
  const text = article ? withoutArticleLink(message.text, article) : message ? message.text : pending!.text;
  const links = 'articles' in props ? props.articles : undefined;
  const who = mine ? t.you : message?.authorName || t.agent;
  let state: string | null = null;
  if (pending) state = pending.failed ? t.failed : 'online' in props && props.online ? t.sending : t.queued;
  else if ('receipt' in props && props.receipt) state = t[props.receipt];
  return (
    <li
      class={`msg ${mine ? 'msg-mine' : 'msg-theirs'}${pending ? ' msg-pending' : ''}`}
      aria-busy={pending && !pending.failed ? true : undefined}
    >
      <span class="sr">{who}: </span>
      {!mine && !('grouped' in props && props.grouped) && (
        <span class="msg-author" aria-hidden="true">
          <AgentAvatar name={who} picture={'picture' in props ? props.picture : undefined} />
          {who}
          {message && <span class="msg-time"> · {timeOf(message.createdAt)}</span>}
        </span>
      )}
      {/* People write in their own language, whatever the widget's: each message takes its own direction. */}
      {text && (
        <p class="msg-text" dir="auto">
          {text}
        </p>
      )}
      {article && (
        <a
          class="msg-article"
          href={links?.url(article.slug) ?? `/kb/${article.slug}`}
          target="_blank"
          rel="noopener"
          onClick={(e) => {
            if (!links || e.ctrlKey || e.metaKey || e.shiftKey) return;
            e.preventDefault();
            links.open(article.slug);
          }}
        >
          <span class="msg-article-kind">{t.articleLabel}</span>
          <span class="msg-article-title" dir="auto">
            {article.title}
          </span>
        </a>
      )}
      {message?.attachments && (
        <LazyFiles conversationId={message.conversationId} files={message.attachments} />
      )}
      {state && (
        <span class={`msg-state${pending?.failed ? ' msg-failed' : ''}`}>
          {state}
          {pending?.failed && 'onRetry' in props && (
            <button type="button" class="link-btn" onClick={() => props.onRetry(pending.clientId)}>
              {t.retryOne}
            </button>
          )}
        </span>
      )}
    </li>
  );
}

/** The reply's words without the article's own "Title: URL" line, which the article card replaces. */
export function withoutArticleLink(text: string, article: { slug: string; title: string }): string {
  const url = new RegExp(
    `[ \\t]*(?:${escapeRegExp(article.title)}:\\s*)?\\S*/kb/${escapeRegExp(article.slug)}(?![\\w/-])\\S*`,
  );
  return text.replace(url, '').trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A message's time of day in the visitor's own locale and clock. */
function timeOf(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
