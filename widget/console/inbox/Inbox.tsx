import { useState } from 'preact/hooks';
import type { AgentConversationDTO } from '../../../server/protocol/dto.ts';
import { ConversationItems } from './ConversationItem.tsx';
import { groupInbox, InboxView, isUnread, viewLabels } from './inbox-views.ts';
import { ReportDrillView } from './ReportDrillView.tsx';
import { useConversationSearch } from './use-conversation-search.ts';
import { useReportDrill } from './use-report-drill.ts';

interface Props {
  conversations: AgentConversationDTO[];
  meId: string | null;
  view: InboxView;
  onView: (view: InboxView) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  now: number;
  loaded?: boolean;
  /** The workspace's wait target: longer waits turn amber, then red at twice the target. */
  waitTargetSeconds?: number;
  /** Server-side search (the Closed list's search box). */
  searchConversations?: (q: string) => Promise<AgentConversationDTO[]>;
}

const emptyText: Record<InboxView, string> = {
  waiting: 'Nobody is waiting. Nice.',
  mine: 'No conversations assigned to you.',
  offline: 'No messages left while you were away.',
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
  waitTargetSeconds = 120,
  searchConversations,
}: Props) {
  const [query, setQuery] = useState('');
  const search = useConversationSearch(view === 'closed' ? query : '', searchConversations);
  const groups = groupInbox(conversations, meId);
  const list = search.active ? (search.results ?? []) : groups[view];
  // Opened from a Reports count: exactly the conversations behind it, until another list is chosen.
  const drill = useReportDrill();
  return (
    <nav class="inbox" aria-label="Inbox">
      <h1 class="visually-hidden">Inbox</h1>
      <ul class="views">
        {Object.values(InboxView).map((v) => {
          const unread = v === 'closed' ? 0 : groups[v].filter(isUnread).length;
          return (
            <li key={v}>
              <button
                type="button"
                class={`view-btn ${v === view && !drill.drill ? 'is-active' : ''}`}
                aria-pressed={v === view && !drill.drill}
                aria-label={`${viewLabels[v]} ${groups[v].length}${unread ? `, ${unread} unread` : ''}`}
                onClick={() => {
                  drill.close();
                  onView(v);
                }}
              >
                <span>{viewLabels[v]}</span>
                <span
                  class={`count ${v === 'waiting' && groups.waiting.length ? 'count-alert' : ''} ${unread ? 'has-unread' : ''}`}
                  title={unread ? `${unread} unread` : undefined}
                >
                  {groups[v].length}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {drill.drill && (
        <ReportDrillView
          state={{ ...drill, drill: drill.drill }}
          selectedId={selectedId}
          onSelect={onSelect}
          now={now}
          waitTargetSeconds={waitTargetSeconds}
        />
      )}
      <section class="conv-list" aria-labelledby="conv-list-title" hidden={Boolean(drill.drill)}>
        <h2 id="conv-list-title" class="list-title">
          {search.active ? 'Search results' : viewLabels[view]}
        </h2>
        {view === 'closed' && searchConversations && (
          <div class="list-search">
            <label class="visually-hidden" for="conv-search">
              Search conversations
            </label>
            <input
              id="conv-search"
              type="search"
              placeholder="Search name, email or text…"
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
          </div>
        )}
        {search.error && (
          <p class="empty" role="alert">
            {search.error}
          </p>
        )}
        {!loaded || (search.active && !search.results) ? (
          <p class="empty">Loading…</p>
        ) : list.length === 0 ? (
          <p class="empty">{search.active ? 'No conversation matches.' : emptyText[view]}</p>
        ) : (
          <ConversationItems
            conversations={list}
            selectedId={selectedId}
            now={now}
            onSelect={onSelect}
            waitTargetSeconds={waitTargetSeconds}
          />
        )}
      </section>
    </nav>
  );
}
