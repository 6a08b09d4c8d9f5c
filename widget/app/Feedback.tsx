import { useState } from 'preact/hooks';
import { useDeps } from './deps.ts';
import { TalkButton } from './TalkButton.tsx';

/** "Did this help?" A No offers the person at once. */
export function Feedback({ slug }: { slug: string }) {
  const { t, trail, events } = useDeps();
  const [vote, setVote] = useState<boolean | null>(null);
  const cast = (helpful: boolean) => {
    setVote(helpful);
    trail.add({ kind: 'vote', slug, helpful, at: new Date().toISOString() });
    events.vote(slug, helpful, events.lastQuery());
  };
  if (vote === true)
    return (
      <p class="feedback" role="status">
        {t.thanks}
      </p>
    );
  if (vote === false)
    return (
      <div class="feedback">
        <p role="status">{t.sorry}</p>
        <TalkButton label={t.askPerson} variant="primary" />
      </div>
    );
  return (
    <fieldset class="feedback">
      <legend>{t.helpful}</legend>
      <div class="feedback-buttons">
        <button type="button" class="btn btn-secondary" onClick={() => cast(true)}>
          {t.yes}
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => cast(false)}>
          {t.no}
        </button>
      </div>
    </fieldset>
  );
}
