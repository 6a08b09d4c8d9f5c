import type { TrailEntry } from '../../../server/protocol/dto.ts';
import { formatTime } from '../format.ts';

interface Props {
  trail: TrailEntry[];
  /** When the visitor asked for a person: the trail ends there. */
  escalatedAt: string;
  now: number;
}

function stepText(e: TrailEntry) {
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
        </>
      );
    case 'vote':
      return (
        <>
          Voted <cite>{e.slug}</cite> {e.helpful ? 'helpful' : 'not helpful'}
        </>
      );
  }
}

/** What the visitor tried on their own before asking: searches, articles, votes, then the escalation. */
export function Trail({ trail, escalatedAt, now }: Props) {
  return (
    <ol class="trail" aria-label="Self-service trail">
      {trail.map((e, i) => (
        <li key={`${e.at}-${i}`} class={`trail-step trail-${e.kind}`}>
          <span class="trail-text">{stepText(e)}</span>
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
