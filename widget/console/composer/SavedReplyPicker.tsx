import type { SavedReply } from '../api.ts';

interface Props {
  id: string;
  matches: SavedReply[];
  active: number;
  onPick: (reply: SavedReply) => void;
  loading?: boolean;
}

export const optionId = (listId: string, i: number) => `${listId}-opt-${i}`;

/** The `/` picker under the reply box: matching saved replies, the active one highlighted. */
export function SavedReplyPicker({ id, matches, active, onPick, loading = false }: Props) {
  return (
    <div class="picker">
      <p class="picker-title" id={`${id}-title`}>
        Saved replies <span class="muted">↑↓ to choose, Enter to insert, Esc to close</span>
      </p>
      {loading ? (
        <p class="picker-empty">Loading…</p>
      ) : matches.length === 0 ? (
        <p class="picker-empty">No saved reply matches. Add them under “Saved replies”.</p>
      ) : (
        <div id={id} role="listbox" aria-labelledby={`${id}-title`} class="picker-list">
          {matches.map((r, i) => (
            <div
              key={r.id}
              tabIndex={-1}
              id={optionId(id, i)}
              role="option"
              aria-selected={i === active}
              class={`picker-item ${i === active ? 'is-active' : ''}`}
              onMouseDown={(e) => {
                // Keep the caret in the reply box.
                e.preventDefault();
                onPick(r);
              }}
            >
              <span class="picker-shortcut">/{r.shortcut}</span>
              <span class="picker-name">{r.title}</span>
              <span class="picker-text">{r.text}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
