import { drillTitle } from '../reports/drill.ts';
import { ConversationItems } from './ConversationItem.tsx';
import type { ReportDrillState } from './use-report-drill.ts';
import './report-drill.css';

/** The inbox's list while it shows the conversations behind a Reports count, with the ways back. */
export function ReportDrillView({
  state,
  selectedId,
  onSelect,
  now,
  waitTargetSeconds,
}: {
  state: ReportDrillState & { drill: NonNullable<ReportDrillState['drill']> };
  selectedId: string | null;
  onSelect: (id: string) => void;
  now: number;
  waitTargetSeconds: number;
}) {
  const { drill, items, total, error } = state;
  return (
    <section class="conv-list report-drill" aria-labelledby="drill-title">
      <h2 id="drill-title" class="list-title report-drill-title">
        {drillTitle(drill, total)}
      </h2>
      <p class="report-drill-actions">
        <a href="#reports" class="btn btn-secondary btn-small">
          Back to Reports
        </a>{' '}
        <button type="button" class="btn btn-secondary btn-small" onClick={state.close}>
          Show the inbox
        </button>
      </p>
      <p class="muted report-drill-zone">Local days in {drill.tz}.</p>
      {error ? (
        <p class="empty" role="alert">
          {error}
        </p>
      ) : !items ? (
        <p class="empty">Loading…</p>
      ) : items.length === 0 ? (
        <p class="empty">No conversations behind this count.</p>
      ) : (
        <ConversationItems
          conversations={items}
          selectedId={selectedId}
          now={now}
          onSelect={onSelect}
          waitTargetSeconds={waitTargetSeconds}
        />
      )}
      {state.hasMore && (
        <p class="report-drill-more">
          <button type="button" class="btn btn-secondary btn-small" onClick={state.more}>
            Show more ({(total ?? 0) - (items?.length ?? 0)} left)
          </button>
        </p>
      )}
    </section>
  );
}
