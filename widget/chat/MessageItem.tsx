import type { MessageDTO } from '../../server/protocol/dto.ts';
import type { ChatMessages } from '../app/i18n/index.ts';
import type { PendingMessage } from './store.ts';

type Props = { t: ChatMessages } & (
  | { message: MessageDTO; pending?: undefined }
  | { pending: PendingMessage; message?: undefined }
);

/** One message. Text is rendered as text (a text node), never as HTML. */
export function MessageItem({ message, pending, t }: Props) {
  if (message?.author === 'system')
    return (
      <li class="msg msg-system">
        <p class="msg-text">{message.text}</p>
      </li>
    );
  const mine = pending !== undefined || message?.author === 'visitor';
  const text = message ? message.text : pending!.text;
  const who = mine ? t.you : (message?.authorName ?? t.agent);
  const state = pending ? (pending.failed ? t.retrying : t.sending) : mine ? t.sent : null;
  return (
    <li
      class={`msg ${mine ? 'msg-mine' : 'msg-theirs'}${pending ? ' msg-pending' : ''}`}
      aria-busy={!!pending}
    >
      <span class="sr">{who}: </span>
      {!mine && (
        <span class="msg-author" aria-hidden="true">
          {who}
        </span>
      )}
      <p class="msg-text">{text}</p>
      {state && <span class={`msg-state${pending?.failed ? ' msg-failed' : ''}`}>{state}</span>}
    </li>
  );
}
