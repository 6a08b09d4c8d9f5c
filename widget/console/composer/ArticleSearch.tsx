import { useEffect, useRef, useState } from 'preact/hooks';
import type { KbHit } from '../api.ts';

interface Props {
  search: (q: string) => Promise<KbHit[]>;
  onInsert: (hit: KbHit) => void;
  onClose: () => void;
}

/** Search the knowledge base from the composer and insert a link the visitor can open in the widget. */
export function ArticleSearch({ search, onInsert, onClose }: Props) {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<KbHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    const query = q.trim();
    if (!query) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      search(query).then(
        (r) => {
          if (!live) return;
          setHits(r);
          setError(null);
        },
        (err: Error) => live && setError(`The knowledge base could not be searched: ${err.message}`),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, search]);

  return (
    <div class="article-search">
      <div class="article-search-bar">
        <label class="visually-hidden" for="kb-search">
          Search articles
        </label>
        <input
          ref={input}
          id="kb-search"
          type="search"
          placeholder="Search the knowledge base…"
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              onClose();
            }
          }}
        />
        <button type="button" class="btn btn-quiet" onClick={onClose}>
          Done
        </button>
      </div>
      {error && (
        <p class="picker-empty" role="alert">
          {error}
        </p>
      )}
      {hits && hits.length === 0 && <p class="picker-empty">No article matches.</p>}
      {hits && hits.length > 0 && (
        <ul class="article-hits" aria-label="Articles">
          {hits.map((h) => (
            <li key={h.url} class="article-hit">
              <span class="article-hit-title">
                {h.title}
                {h.heading && <span class="muted"> › {h.heading}</span>}
              </span>
              <button
                type="button"
                class="btn btn-small"
                aria-label={`Insert link to ${h.title}`}
                onClick={() => onInsert(h)}
              >
                Insert link
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
