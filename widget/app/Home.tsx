import { useEffect, useRef, useState } from 'preact/hooks';
import type { ArticleSummary } from '../../server/domain/knowledge-base/types.ts';
import { ArticleList, moveFocus } from './ArticleList.tsx';
import { useDeps } from './deps.ts';
import { Highlighted } from './Highlighted.tsx';
import { NoResults } from './NoResults.tsx';
import { useSearch } from './use-search.ts';

/** Search box, then results as you type; before typing, articles suggested for this page. */
interface Props {
  greeting: string;
  query: string;
  onOpen: (slug: string, title: string) => void;
}

export function Home({ greeting, query, onOpen }: Props) {
  const { t, kb, shell, trail, pageUrl, events } = useDeps();
  const [attempt, setAttempt] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const search = useSearch(
    kb,
    query,
    (q, n) =>
      trail.add({ kind: 'search', query: q.slice(0, 200), resultCount: n, at: new Date().toISOString() }),
    attempt,
  );
  const [suggested, setSuggested] = useState<ArticleSummary[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    kb.suggestions(pageUrl, ctrl.signal).then(setSuggested, () => {});
    return () => ctrl.abort();
  }, [kb, pageUrl]);

  // A search counts for the content-gap report once the visitor pauses on it for a second (or opens a result).
  useEffect(() => {
    if (search.status !== 'done') return;
    const answered = search.results.filter((r) => !r.related).length;
    const timer = setTimeout(() => events.search(search.query, answered), 1000);
    return () => clearTimeout(timer);
  }, [search, events]);
  const open = (slug: string, title: string) => {
    if (search.status === 'done')
      events.search(search.query, search.results.filter((r) => !r.related).length);
    onOpen(slug, title);
  };

  const active = search.status !== 'idle';
  const item = (r: (typeof search.results)[number]) => ({
    slug: r.slug,
    title: r.title,
    section: r.heading,
    detail: <Highlighted text={r.snippet} ranges={r.highlights} />,
  });
  const answers = search.results.filter((r) => !r.related).map(item);
  const related = search.results.filter((r) => r.related).map(item);
  const status =
    search.status === 'loading'
      ? t.searching
      : search.status === 'done'
        ? t.resultCount(search.results.length)
        : '';

  return (
    <div class="home">
      <p class="greeting">{greeting}</p>
      <div class="search">
        <svg viewBox="0 0 24 24" aria-hidden="true" class="search-icon">
          <circle cx="11" cy="11" r="7" />
          <path d="M20 20l-4-4" />
        </svg>
        <input
          ref={input}
          type="search"
          class="search-input"
          aria-label={t.searchLabel}
          placeholder={t.searchPlaceholder}
          value={query}
          data-autofocus
          autoComplete="off"
          maxLength={200}
          onInput={(e) => shell.set({ query: e.currentTarget.value })}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' && moveFocus(list.current, 'Home')) e.preventDefault();
          }}
        />
      </div>
      <p class="sr" role="status">
        {status}
      </p>
      <div ref={list} class="results" aria-busy={search.status === 'loading'}>
        {search.status === 'error' && (
          <div class="notice">
            <p>{t.searchError}</p>
            <button type="button" class="btn btn-secondary" onClick={() => setAttempt((n) => n + 1)}>
              {t.retry}
            </button>
          </div>
        )}
        {search.status === 'done' && search.results.length === 0 && <NoResults query={search.query} />}
        {active && answers.length > 0 && (
          <ArticleList
            label={t.results}
            onOpen={open}
            onExitUp={() => input.current?.focus()}
            items={answers}
          />
        )}
        {active && related.length > 0 && (
          <>
            {/* Weaker matches (a passing mention, a loose relation) stay visible, below a clear line. */}
            <h3 class="section-title related-title">{t.relatedMatches}</h3>
            <ArticleList
              label={t.relatedMatches}
              onOpen={open}
              onExitUp={() => input.current?.focus()}
              items={related}
            />
          </>
        )}
        {!active && suggested.length > 0 && (
          <>
            <h3 class="section-title">{t.suggested}</h3>
            <ArticleList
              label={t.suggested}
              onOpen={onOpen}
              onExitUp={() => input.current?.focus()}
              items={suggested.map((a) => ({ slug: a.slug, title: a.title, detail: a.description }))}
            />
          </>
        )}
      </div>
    </div>
  );
}
