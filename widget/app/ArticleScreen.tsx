import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ArticleList } from './ArticleList.tsx';
import { prepareArticleHtml } from './article-html.ts';
import { useDeps } from './deps.ts';
import { Feedback } from './Feedback.tsx';
import { useArticle } from './use-article.ts';

/** One article, read inline; links to other articles (`data-kb-slug`) open here too. */
export function ArticleScreen({
  slug,
  onOpen,
}: {
  slug: string;
  onOpen: (slug: string, title: string) => void;
}) {
  const { t, kb, trail, base } = useDeps();
  const [attempt, setAttempt] = useState(0);
  const state = useArticle(kb, slug, attempt);
  const heading = useRef<HTMLHeadingElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const html = useMemo(
    () => (state.status === 'done' ? prepareArticleHtml(state.article.html, base) : ''),
    [state, base],
  );

  useEffect(() => {
    if (state.status !== 'done') return;
    trail.add({
      kind: 'article',
      // The article's current slug: an old link (a former slug, `aliases:`) answers with the moved article.
      slug: state.article.slug,
      title: state.article.title.slice(0, 300),
      at: new Date().toISOString(),
    });
    heading.current?.focus();
  }, [state, trail]);

  // Links between articles (`data-kb-slug`) open inline. Delegated from the links, which keep their own keyboard
  // behaviour (Enter on a link fires click). A layout effect, so the handler is there as soon as the links are.
  useLayoutEffect(() => {
    const el = body.current;
    if (!el) return;
    const onClick = (e: MouseEvent) => {
      const link = (e.target as Element).closest?.('a[data-kb-slug]');
      if (!link) return;
      e.preventDefault();
      onOpen(link.getAttribute('data-kb-slug')!, link.textContent ?? '');
    };
    el.addEventListener('click', onClick);
    return () => el.removeEventListener('click', onClick);
  }, [html, onOpen]);

  if (state.status === 'loading')
    return (
      <p class="notice" role="status">
        {t.loadingArticle}
      </p>
    );
  if (state.status === 'error')
    return (
      <div class="notice" role="alert">
        <p>{t.articleError}</p>
        <button type="button" class="btn btn-secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t.retry}
        </button>
      </div>
    );

  const { article } = state;
  return (
    <article class="article">
      {/* The article may be in another language than the widget (English in an Arabic panel): its own direction. */}
      <h3 class="article-title" tabIndex={-1} ref={heading} dir="auto">
        {article.title}
      </h3>
      {/* Server-rendered from Markdown with raw HTML disabled: the one place HTML is inserted. */}
      <div class="article-body" dir="auto" dangerouslySetInnerHTML={{ __html: html }} ref={body} />
      <Feedback key={article.slug} slug={article.slug} />
      {article.related.length > 0 && (
        <>
          <h4 class="section-title">{t.related}</h4>
          <ArticleList
            label={t.related}
            onOpen={onOpen}
            items={article.related.map((a) => ({ slug: a.slug, title: a.title }))}
          />
        </>
      )}
    </article>
  );
}
