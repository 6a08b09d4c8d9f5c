import type { AgentConversationDTO } from '../../../server/protocol/dto.ts';
import { ago, since } from '../format.ts';
import { isUnread } from './inbox-views.ts';

interface Props {
  conversation: AgentConversationDTO;
  selected: boolean;
  now: number;
  onSelect: (id: string) => void;
  waitTargetSeconds?: number;
}

/** ok below the target, late past it, overdue past twice the target. */
export function waitLevel(waitingSince: string, now: number, targetSeconds: number) {
  const s = (now - Date.parse(waitingSince)) / 1000;
  return s >= 2 * targetSeconds ? 'overdue' : s >= targetSeconds ? 'late' : 'ok';
}

/** One row of an inbox list: who, what they asked, and how long they have waited (or who has it). */
export function ConversationItem({
  conversation: c,
  selected,
  now,
  onSelect,
  waitTargetSeconds = 120,
}: Props) {
  const who = c.visitor.name || c.visitor.email || 'Anonymous visitor';
  const unread = isUnread(c) ? c.lastSeq - c.agentReadSeq : 0;
  const waitingSince = c.waitingSince ?? c.createdAt;
  const level = c.status === 'waiting' ? waitLevel(waitingSince, now, waitTargetSeconds) : null;
  const meta =
    c.status === 'waiting'
      ? `Waiting ${since(waitingSince, now)}`
      : c.status === 'offline'
        ? `Left a message ${ago(c.createdAt, now)} · reply by email`
        : c.status === 'closed'
          ? `Closed ${ago(c.updatedAt, now)}${c.rating ? ` · rated ${c.rating}/5` : ''}`
          : c.agent
            ? `${c.agent.name} · ${ago(c.lastMessageAt, now)}`
            : ago(c.lastMessageAt, now);
  return (
    <li>
      <button
        type="button"
        class={`conv-item ${selected ? 'is-selected' : ''} ${unread ? 'is-unread' : ''}`}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(c.id)}
      >
        <span class="conv-item-top">
          <bdi class="conv-item-who">{who}</bdi>
          {c.status === 'waiting' && c.queuePosition != null && (
            <span class="badge badge-wait" title="Place in queue">
              {queuePlace(c.queuePosition)}
            </span>
          )}
          {unread > 0 && (
            <span class="unread-count" title={`${unread} unread`}>
              {unread}
            </span>
          )}
        </span>
        <span class="conv-item-preview">{c.preview}</span>
        <span class={`conv-item-meta ${level ? `wait-${level}` : ''}`}>
          {level && level !== 'ok' && <span aria-hidden="true">● </span>}
          {meta}
        </span>
        {level && level !== 'ok' && <span class="visually-hidden">, over the wait target</span>}
        {unread > 0 && <span class="visually-hidden">, {unread} unread</span>}
      </button>
    </li>
  );
}

/** A place in the queue that reads as one ("Next", "2nd in line"), not as a ticket number. */
export function queuePlace(n: number): string {
  if (n === 1) return 'Next';
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix} in line`;
}

/** A list of inbox rows, one selected. */
export function ConversationItems({
  conversations,
  selectedId,
  ...row
}: Omit<Props, 'conversation' | 'selected'> & {
  conversations: AgentConversationDTO[];
  selectedId: string | null;
}) {
  return (
    <ul class="conv-items">
      {conversations.map((c) => (
        <ConversationItem key={c.id} conversation={c} selected={c.id === selectedId} {...row} />
      ))}
    </ul>
  );
}
