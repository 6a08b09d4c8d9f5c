import type { TrailEntry } from '../../../server/protocol/dto.ts';
import { formatTime } from '../format.ts';

interface Props {
  trail: TrailEntry[];
  /** When the visitor asked for a person: the trail ends there. */
  escalatedAt: string;
  now: number;
}

/** A step as shown: repeated reads of one article in a row count as one step, "(3 times)". */
interface Step {
  entry: TrailEntry;
  times: number;
}

/** Collapses consecutive reads of the same article; titles for votes come from the reads. */
export function trailSteps(trail: TrailEntry[]): Step[] {
  const steps: Step[] = [];
  for (const e of trail) {
    const last = steps[steps.length - 1];
    if (last && e.kind === 'article' && last.entry.kind === 'article' && last.entry.slug === e.slug) {
      last.times += 1;
      continue;
    }
    steps.push({ entry: e, times: 1 });
  }
  return steps;
}

/** An article's title from the trail, else its slug's last part in words ("return-an-item" → "Return an item"). */
function titleOf(slug: string, trail: TrailEntry[]): string {
  const read = trail.find((e) => e.kind === 'article' && e.slug === slug);
  if (read?.kind === 'article' && read.title) return read.title;
  const words = (slug.split('/').pop() ?? slug).replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function stepText(e: TrailEntry, trail: TrailEntry[], times: number) {
  switch (e.kind) {
    case 'search':
      return (
        <>
          Searched <q class="trail-q">{e.query}</q>{' '}
          <span class={e.resultCount === 0 ? 'trail-none' : ''}>
            {e.resultCount === 0 ? 'no results' : `${e.resultCount} result${e.resultCount === 1 ? '' : 's'}`}
          </span>
        </>
      );
    case 'article':
      return (
        <>
          Read <cite>{e.title}</cite>
          {times > 1 && <span class="muted"> ({times} times)</span>}
        </>
      );
    case 'vote':
      return (
        <>
          Said <cite>{titleOf(e.slug, trail)}</cite> {e.helpful ? 'helped' : 'did not help'}
        </>
      );
  }
}

/** What the visitor tried on their own before asking: searches, articles, votes, then the escalation. */
export function Trail({ trail, escalatedAt, now }: Props) {
  return (
    <ol class="trail" aria-label="Self-service trail">
      {trailSteps(trail).map(({ entry: e, times }, i) => (
        <li key={`${e.at}-${i}`} class={`trail-step trail-${e.kind}`}>
          <span class="trail-text">{stepText(e, trail, times)}</span>
          <time dateTime={e.at}>{formatTime(e.at, now)}</time>
        </li>
      ))}
      <li class="trail-step trail-escalation">
        <span class="trail-text">Asked for a person</span>
        <time dateTime={escalatedAt}>{formatTime(escalatedAt, now)}</time>
      </li>
    </ol>
  );
}
