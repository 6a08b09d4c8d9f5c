import type { AttachmentRef, MessageDTO } from '../../../server/protocol/dto.ts';
import '../../chat/attachments/attachments.css';
import { AttachmentView, type FileLink } from '../../chat/attachments/AttachmentView.tsx';
import { englishAttachmentLabels } from '../../chat/attachments/labels.ts';
import { systemEventOf } from '../../ui/system-event.ts';
import { formatTime } from '../format.ts';

const RECEIPT = { sent: 'Sent', delivered: 'Delivered', seen: 'Seen' } as const;

const authorLabel = (m: MessageDTO) =>
  m.author === 'visitor'
    ? (m.authorName ?? 'Visitor')
    : m.author === 'note'
      ? `Internal note${m.authorName ? ` · ${m.authorName}` : ''}`
      : (m.authorName ?? 'Agent');

/** A system line in the console's own words; an older one (no event) shows the text it was stored with. */
function systemLine(m: MessageDTO): string {
  const e = systemEventOf(m);
  if (!e) return m.text;
  switch (e.kind) {
    case 'agent-joined':
      return `${e.agentName} joined the conversation`;
    case 'visitor-ended':
      return 'The visitor ended the chat';
  }
}

/**
 * One stored message. Text is rendered as a text node, never as HTML: whatever a visitor types,
 * tags included, shows literally.
 */
export function MessageItem({
  message: m,
  now,
  receipt = 'sent',
}: {
  message: MessageDTO;
  now: number;
  /** How far an agent reply got: stored, in the visitor's widget, read by the visitor. */
  receipt?: 'sent' | 'delivered' | 'seen';
}) {
  if (m.author === 'system') {
    return (
      <li class="msg msg-system">
        <span class="msg-text">{systemLine(m)}</span>{' '}
        <time dateTime={m.createdAt}>{formatTime(m.createdAt, now)}</time>
      </li>
    );
  }
  return (
    <li class={`msg msg-${m.author}`}>
      <div class="msg-head">
        <bdi class="msg-author">{authorLabel(m)}</bdi>
        <time dateTime={m.createdAt}>{formatTime(m.createdAt, now)}</time>
        {m.author === 'agent' && <span class={`msg-state is-${receipt}`}>{RECEIPT[receipt]}</span>}
      </div>
      <p class="msg-text">{m.text}</p>
      {m.attachments && (
        <AttachmentView
          files={m.attachments}
          linkOf={(f) => fileLink(m.conversationId, f)}
          labels={englishAttachmentLabels}
        />
      )}
    </li>
  );
}

/** A signed, expiring URL of one file, asked for with the agent's session. */
async function fileLink(conversationId: string, f: AttachmentRef): Promise<FileLink> {
  const res = await fetch(
    `/api/attachments/${encodeURIComponent(conversationId)}/${f.id}/link?name=${encodeURIComponent(f.name)}`,
    { credentials: 'same-origin' },
  );
  if (!res.ok) throw new Error(`file link: ${res.status}`);
  return (await res.json()) as FileLink;
}
