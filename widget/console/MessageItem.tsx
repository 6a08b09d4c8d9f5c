import type { MessageDTO } from '../../server/protocol/dto.ts';
import { formatTime } from './format.ts';

const authorLabel = (m: MessageDTO) =>
  m.author === 'visitor'
    ? (m.authorName ?? 'Visitor')
    : m.author === 'note'
      ? `Internal note${m.authorName ? ` · ${m.authorName}` : ''}`
      : (m.authorName ?? 'Agent');

/**
 * One stored message. Text is rendered as a text node, never as HTML: whatever a visitor types,
 * tags included, shows literally.
 */
export function MessageItem({
  message: m,
  now,
  seen = false,
}: {
  message: MessageDTO;
  now: number;
  /** The visitor has read it (agent replies only). */
  seen?: boolean;
}) {
  if (m.author === 'system') {
    return (
      <li class="msg msg-system">
        <span class="msg-text">{m.text}</span>{' '}
        <time dateTime={m.createdAt}>{formatTime(m.createdAt, now)}</time>
      </li>
    );
  }
  return (
    <li class={`msg msg-${m.author}`}>
      <div class="msg-head">
        <span class="msg-author">{authorLabel(m)}</span>
        <time dateTime={m.createdAt}>{formatTime(m.createdAt, now)}</time>
        {m.author === 'agent' && (
          <span class={`msg-state ${seen ? 'is-seen' : ''}`}>{seen ? 'Seen' : 'Delivered'}</span>
        )}
      </div>
      <p class="msg-text">{m.text}</p>
    </li>
  );
}
