import type { MessageDTO } from '../../server/protocol/dto.ts';
import type { ChatMessages } from '../app/i18n/index.ts';
import type { PendingMessage } from './store.ts';
import { systemText } from './system-text.ts';

type Props = { t: ChatMessages } & (
  | { message: MessageDTO; pending?: undefined; receipt?: 'sent' | 'delivered' | 'read' | null }
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
  const text = message ? message.text : pending!.text;
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
      {!mine && (
        <span class="msg-author" aria-hidden="true">
          {who}
        </span>
      )}
      {/* People write in their own language, whatever the widget's: each message takes its own direction. */}
      <p class="msg-text" dir="auto">
        {text}
      </p>
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
