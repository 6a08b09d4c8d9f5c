import { useEffect, useRef } from 'preact/hooks';
import type { MessageDTO } from '../../../server/protocol/dto.ts';
import { continues, MessageItem } from './MessageItem.tsx';
import type { PendingMessage } from './transcript.ts';

interface Props {
  messages: MessageDTO[];
  pending: PendingMessage[];
  typing: string | null;
  now: number;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  /** Highest seq the visitor has read: agent replies up to it show "Seen". */
  visitorReadSeq?: number;
  /** Highest seq the visitor's widget has received: agent replies up to it show "Delivered". */
  visitorDeliveredSeq?: number;
  /** Agents' pictures by display name. */
  pictures?: Map<string, string>;
}

/** The conversation so far in seq order, then replies still on their way, then who is typing. */
export function Transcript({
  messages,
  pending,
  typing,
  now,
  onRetry,
  onDiscard,
  visitorReadSeq = 0,
  visitorDeliveredSeq = 0,
  pictures,
}: Props) {
  const end = useRef<HTMLDivElement>(null);
  const count = messages.length + pending.length;
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [count]);

  return (
    // Focusable, so a keyboard can scroll a long conversation (the messages themselves have no controls).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard.
    <section class="transcript" tabIndex={0} aria-label="Conversation transcript">
      <ol class="messages" aria-label="Messages">
        {messages.map((m, i) => (
          <MessageItem
            key={m.id}
            message={m}
            now={now}
            continued={continues(messages[i - 1], m)}
            picture={m.author === 'agent' && m.authorName ? pictures?.get(m.authorName) : undefined}
            receipt={m.seq <= visitorReadSeq ? 'seen' : m.seq <= visitorDeliveredSeq ? 'delivered' : 'sent'}
          />
        ))}
        {pending.map((p) => (
          <li
            key={p.clientId}
            class={`msg ${p.internal ? 'msg-note' : 'msg-agent'} msg-pending is-${p.state}`}
          >
            <div class="msg-head">
              <span class="msg-author">{p.internal ? 'Internal note' : 'You'}</span>
              <span class="msg-state">{p.state === 'sending' ? 'Sending…' : 'Not sent'}</span>
            </div>
            <div class="msg-bubble">
              <p class="msg-text">{p.text}</p>
            </div>
            {p.state === 'failed' && (
              <div class="msg-failed" role="alert">
                <span>{p.error}</span>
                <button type="button" class="btn btn-small" onClick={() => onRetry(p.clientId)}>
                  Retry
                </button>
                <button type="button" class="btn btn-small btn-quiet" onClick={() => onDiscard(p.clientId)}>
                  Discard
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
      <p class="typing" aria-live="polite">
        {typing ? `${typing} is typing…` : ''}
      </p>
      <div ref={end} />
    </section>
  );
}
