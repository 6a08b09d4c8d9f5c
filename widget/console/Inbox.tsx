import type { AgentConversationDTO } from '../../server/protocol/dto.ts';
import { ConversationItem } from './ConversationItem.tsx';
import { groupInbox, InboxView, viewLabels } from './inbox-views.ts';

interface Props {
  conversations: AgentConversationDTO[];
  meId: string | null;
  view: InboxView;
  onView: (view: InboxView) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  now: number;
  loaded?: boolean;
}

const emptyText: Record<InboxView, string> = {
  waiting: 'Nobody is waiting. Nice.',
  mine: 'No conversations assigned to you.',
  open: 'No open conversations.',
  closed: 'No closed conversations yet.',
};

/** The left column: the inbox lists with their counts, and the conversations of the chosen one. */
export function Inbox({
  conversations,
  meId,
  view,
  onView,
  selectedId,
  onSelect,
  now,
  loaded = true,
}: Props) {
  const groups = groupInbox(conversations, meId);
  const list = groups[view];
  return (
    <nav class="inbox" aria-label="Inbox">
      <h2 class="visually-hidden">Inbox</h2>
      <ul class="views">
        {Object.values(InboxView).map((v) => (
          <li key={v}>
            <button
              type="button"
              class={`view-btn ${v === view ? 'is-active' : ''}`}
              aria-pressed={v === view}
              onClick={() => onView(v)}
            >
              <span>{viewLabels[v]}</span>{' '}
              <span class={`count ${v === 'waiting' && groups.waiting.length ? 'count-alert' : ''}`}>
                {groups[v].length}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <section class="conv-list" aria-labelledby="conv-list-title">
        <h3 id="conv-list-title" class="list-title">
          {viewLabels[view]}
        </h3>
        {!loaded ? (
          <p class="empty">Loading…</p>
        ) : list.length === 0 ? (
          <p class="empty">{emptyText[view]}</p>
        ) : (
          <ul class="conv-items">
            {list.map((c) => (
              <ConversationItem
                key={c.id}
                conversation={c}
                selected={c.id === selectedId}
                now={now}
                onSelect={onSelect}
              />
            ))}
          </ul>
        )}
      </section>
    </nav>
  );
}
