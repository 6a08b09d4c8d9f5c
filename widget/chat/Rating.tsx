import { useState } from 'preact/hooks';
import type { ChatMessages } from '../app/i18n/index.ts';

/** After a close: 1-5 and an optional comment, once. */
export function Rating({
  t,
  rated,
  onRate,
}: {
  t: ChatMessages;
  rated: boolean;
  onRate: (rating: number, comment: string) => Promise<boolean>;
}) {
  const [value, setValue] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  if (rated)
    return (
      <p class="rated" role="status">
        {t.rated}
      </p>
    );
  return (
    <form
      class="rating"
      onSubmit={(e) => {
        e.preventDefault();
        if (!value || busy) return;
        setBusy(true);
        void onRate(value, comment).finally(() => setBusy(false));
      }}
    >
      <fieldset>
        <legend>{t.rateTitle}</legend>
        <div class="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} class={`star${n <= value ? ' on' : ''}`}>
              <input
                type="radio"
                name="parley-rating"
                value={n}
                checked={value === n}
                data-autofocus={n === 1 ? true : undefined}
                onChange={() => setValue(n)}
              />
              <svg viewBox="0 0 24 24" aria-hidden="true">
                <path d="M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z" />
              </svg>
              <span class="sr">{t.stars(n)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label class="field">
        <span>{t.rateComment}</span>
        <textarea
          rows={2}
          maxLength={1000}
          value={comment}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="btn btn-primary btn-block" disabled={!value || busy}>
        {t.rateSend}
      </button>
    </form>
  );
}
