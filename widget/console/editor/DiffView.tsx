import { lineDiff } from './line-diff.ts';

/** Lines removed and added between two texts, with unchanged lines around them for context. */
export function DiffView({ before, after, label }: { before: string; after: string; label: string }) {
  const lines = lineDiff(before, after);
  const changed = lines.some((l) => l.kind !== 'same');
  if (!changed) return <p class="muted">No difference.</p>;
  const near = (i: number) => lines.slice(Math.max(0, i - 2), i + 3).some((l) => l.kind !== 'same');
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section class="diff mono" aria-label={label} tabIndex={0}>
      {lines.map((l, i) =>
        l.kind === 'same' && !near(i) ? null : (
          <div key={i} class={`diff-${l.kind}`}>
            <span class="visually-hidden">
              {l.kind === 'added' ? 'Added: ' : l.kind === 'removed' ? 'Removed: ' : ''}
            </span>
            <span aria-hidden="true">{l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}</span>
            {l.text}
          </div>
        ),
      )}
    </section>
  );
}
