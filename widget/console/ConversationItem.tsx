import type { AgentConversationDTO } from '../../server/protocol/dto.ts';
import { since } from './format.ts';
import { isUnread } from './inbox-views.ts';

interface Props {
  conversation: AgentConversationDTO;
  selected: boolean;
  now: number;
  onSelect: (id: string) => void;
}

/** One row of an inbox list: who, what they asked, and how long they have waited (or who has it). */
export function ConversationItem({ conversation: c, selected, now, onSelect }: Props) {
  const who = c.visitor.name || c.visitor.email || 'Anonymous visitor';
  const unread = isUnread(c);
  const meta =
    c.status === 'waiting'
      ? `Waiting ${since(c.waitingSince ?? c.createdAt, now)}`
      : c.status === 'closed'
        ? `Closed ${since(c.updatedAt, now)} ago`
        : c.agent
          ? `${c.agent.name} · ${since(c.lastMessageAt, now)} ago`
          : since(c.lastMessageAt, now);
  return (
    <li>
      <button
        type="button"
        class={`conv-item ${selected ? 'is-selected' : ''} ${unread ? 'is-unread' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(c.id)}
      >
        <span class="conv-item-top">
          <span class="conv-item-who">{who}</span>
          {c.status === 'waiting' && c.queuePosition != null && (
            <span class="badge badge-wait" title="Place in queue">
              #{c.queuePosition}
            </span>
          )}
          {unread && <span class="unread-dot" title="Unread" />}
        </span>
        <span class="conv-item-preview">{c.preview}</span>
        <span class="conv-item-meta">{meta}</span>
        {unread && <span class="visually-hidden">, unread</span>}
      </button>
    </li>
  );
}
