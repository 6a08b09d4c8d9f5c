import { useEffect, useState } from 'preact/hooks';
import type { ArticleView } from '../../server/domain/knowledge-base/types.ts';
import type { KbApi } from './api.ts';

export type ArticleState =
  | { status: 'loading' }
  | { status: 'done'; article: ArticleView }
  | { status: 'error' };

export function useArticle(kb: KbApi, slug: string, attempt = 0): ArticleState {
  const [state, setState] = useState<ArticleState>({ status: 'loading' });
  useEffect(() => {
    setState({ status: 'loading' });
    const ctrl = new AbortController();
    kb.article(slug, ctrl.signal).then(
      (article) => setState({ status: 'done', article }),
      () => {
        if (!ctrl.signal.aborted) setState({ status: 'error' });
      },
    );
    return () => ctrl.abort();
  }, [kb, slug, attempt]);
  return state;
}
