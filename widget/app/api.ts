import type {
  ArticleSummary,
  ArticleView,
  SearchResponse,
} from '../../server/domain/knowledge-base/types.ts';

/** A failed HTTP call: the server's error code when it sent one. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`HTTP ${status} ${code}`);
    this.name = 'HttpError';
  }
}

/** The knowledge-base endpoints the widget reads. */
export interface KbApi {
  search(q: string, signal?: AbortSignal): Promise<SearchResponse>;
  article(slug: string, signal?: AbortSignal): Promise<ArticleView>;
  suggestions(url: string, signal?: AbortSignal): Promise<ArticleSummary[]>;
}

export async function getJson<T>(fetchFn: typeof fetch, url: string, init?: RequestInit): Promise<T> {
  const res = await fetchFn(url, { credentials: 'omit', ...init });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
    throw new HttpError(res.status, body?.error?.code ?? 'http_error');
  }
  return (await res.json()) as T;
}

/**
 * `base` is Parley's public root ending with `/`. With the visitor's `locale` (other than English), articles
 * come in that language where translated, and search answers from it first (the server falls back to English).
 */
export function createKbApi(
  base: string,
  fetchFn: typeof fetch = (...a) => fetch(...a),
  locale?: string,
): KbApi {
  const q = encodeURIComponent;
  // Only a well-formed tag is sent (the server refuses others); English is the server's default anyway.
  const lang =
    locale && /^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i.test(locale) && !/^en\b/i.test(locale)
      ? `locale=${q(locale)}`
      : '';
  const and = lang ? `&${lang}` : '';
  return {
    search: (text, signal) => getJson(fetchFn, `${base}api/kb/search?q=${q(text)}&limit=8${and}`, { signal }),
    // Slugs are paths (`orders/track-your-order`): each segment is encoded, the slashes stay.
    article: (slug, signal) =>
      getJson(
        fetchFn,
        `${base}api/kb/articles/${slug.split('/').map(q).join('/')}${lang ? `?${lang}` : ''}`,
        {
          signal,
        },
      ),
    suggestions: (url, signal) =>
      getJson<{ articles: ArticleSummary[] }>(fetchFn, `${base}api/kb/suggestions?url=${q(url)}${and}`, {
        signal,
      }).then((r) => r.articles),
  };
}
