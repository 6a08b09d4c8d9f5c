import { DiffView } from './DiffView.tsx';
import type { ArticleSource } from './editor-api.ts';

interface Props {
  theirs: ArticleSource;
  mine: string;
  onTakeTheirs: () => void;
  onKeepMine: () => void;
}

/**
 * Someone changed the file since it was opened: their version and what differs from the editor's, and a
 * choice. Nothing is overwritten until the editor, having seen it, saves again.
 */
export function ConflictPanel({ theirs, mine, onTakeTheirs, onKeepMine }: Props) {
  return (
    <section class="callout conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">This article changed while you were editing</h2>
      <p>
        Someone saved another version (on disk or in another console). Lines marked <strong>+</strong> are
        yours, lines marked <strong>−</strong> are theirs. Take their version, or keep yours and copy in what
        you need from theirs, then save.
      </p>
      <DiffView before={theirs.text} after={mine} label="Their version compared with yours" />
      <details>
        <summary>Their full version</summary>
        <textarea
          class="mono conflict-theirs"
          readOnly
          rows={10}
          aria-label="Their version"
          value={theirs.text}
        />
      </details>
      <div class="row-actions">
        <button type="button" class="btn" onClick={onTakeTheirs}>
          Load their version
        </button>
        <button type="button" class="btn btn-primary" onClick={onKeepMine}>
          Keep mine and merge
        </button>
      </div>
    </section>
  );
}
