import { useEffect, useState } from 'preact/hooks';
import type { KbHit } from '../api.ts';
import { useDeps } from '../deps.ts';
import { learningApi } from './learning-api.ts';

/**
 * "Answer with an article": a search picker; the chosen article gets the visitor's query as one of
 * its front matter `questions:`, and from then on ranks first for it and its close variants.
 */
export function AnswerWithArticle({
  query,
  run,
  onAnswered,
}: {
  query: string;
  run: <T>(fn: () => Promise<T>) => Promise<T | undefined>;
  onAnswered: (hit: KbHit) => void;
}) {
  const { api } = useDeps();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<KbHit[]>([]);

  useEffect(() => {
    if (!open || q.trim() === '') return setHits([]);
    const timer = setTimeout(() => {
      void api.kbSearch(q).then(setHits, () => setHits([]));
    }, 200);
    return () => clearTimeout(timer);
  }, [api, open, q]);

  if (!open)
    return (
      <button type="button" class="btn btn-secondary btn-small" onClick={() => setOpen(true)}>
        Answer with an article
      </button>
    );
  return (
    <div class="answer-picker">
      <label class="field">
        <span>Article that answers “{query}”</span>
        <input
          type="search"
          value={q}
          placeholder="Search articles"
          // biome-ignore lint/a11y/noAutofocus: the picker opens on the editor's click, to type at once
          autoFocus
          onInput={(e) => setQ(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        />
      </label>
      <ul class="answer-hits" aria-label="Articles">
        {hits.map((h) => (
          <li key={h.slug}>
            <button
              type="button"
              class="btn btn-secondary btn-small"
              onClick={async () => {
                const done = await run(() => learningApi.answer(query, h.slug));
                if (done) {
                  setOpen(false);
                  onAnswered(h);
                }
              }}
            >
              {h.title}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="btn btn-link btn-small" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </div>
  );
}
