import type { AttachmentRef, MessageDTO } from '../../../server/protocol/dto.ts';
import '../../chat/attachments/attachments.css';
import { AttachmentView, type FileLink } from '../../chat/attachments/AttachmentView.tsx';
import { englishAttachmentLabels } from '../../chat/attachments/labels.ts';
import { systemEventOf } from '../../ui/system-event.ts';
import { formatTime } from '../format.ts';
import { Face } from './face.tsx';

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
 * One stored message, as a chat bubble: the visitor on the left, the team on the right, internal notes in amber.
 * A message that follows on from the same person within minutes (`continued`) repeats neither name, face nor time.
 * Text is rendered as a text node, never as HTML: whatever a visitor types, tags included, shows literally.
 */
export function MessageItem({
  message: m,
  now,
  receipt = 'sent',
  continued = false,
  picture,
}: {
  message: MessageDTO;
  now: number;
  /** How far an agent reply got: stored, in the visitor's widget, read by the visitor. */
  receipt?: 'sent' | 'delivered' | 'seen';
  continued?: boolean;
  /** The author's picture path (agents who set one). */
  picture?: string | undefined;
}) {
  if (m.author === 'system') {
    return (
      <li class="msg msg-system">
        <span class="msg-text">{systemLine(m)}</span>{' '}
        <time dateTime={m.createdAt}>{formatTime(m.createdAt, now)}</time>
      </li>
    );
  }
  const name = m.authorName ?? (m.author === 'visitor' ? 'Visitor' : 'Agent');
  return (
    <li class={`msg msg-${m.author}${continued ? ' msg-cont' : ''}`}>
      {continued ? (
        <span class="visually-hidden">{authorLabel(m)}: </span>
      ) : (
        <div class="msg-head">
          {m.author === 'note' ? (
            <svg class="msg-lock" viewBox="0 0 24 24" aria-hidden="true">
              <rect x="5" y="11" width="14" height="10" rx="2" />
              <path d="M8 11V8a4 4 0 0 1 8 0v3" />
            </svg>
          ) : (
            <Face name={name} picture={picture} />
          )}
          <bdi class="msg-author">{authorLabel(m)}</bdi>
          <time dateTime={m.createdAt}>{formatTime(m.createdAt, now)}</time>
        </div>
      )}
      <div class="msg-bubble">
        <p class="msg-text">{m.text}</p>
        {m.attachments && (
          <AttachmentView
            files={m.attachments}
            linkOf={(f) => fileLink(m.conversationId, f)}
            labels={englishAttachmentLabels}
          />
        )}
      </div>
      {m.author === 'agent' && <span class={`msg-state is-${receipt}`}>{RECEIPT[receipt]}</span>}
    </li>
  );
}

/** Follows on from the message before: the same person (and kind), within five minutes, no system line between. */
export function continues(prev: MessageDTO | undefined, m: MessageDTO): boolean {
  if (!prev || m.author === 'system' || prev.author !== m.author || prev.authorName !== m.authorName)
    return false;
  return Date.parse(m.createdAt) - Date.parse(prev.createdAt) < 5 * 60_000;
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
