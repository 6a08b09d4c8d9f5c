import type { LearnedEntryDTO } from '../../../server/protocol/dto.ts';
import { ApiError } from '../api.ts';

/** What search learned from visitors (GET /api/admin/learning). */
export type LearnedEntry = LearnedEntryDTO;

export interface ArticleHit {
  slug: string;
  title: string;
  heading: string | null;
}

async function json<T>(path: string, method = 'GET', body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) {
    let error: { code?: string; message?: string } = {};
    try {
      error = ((await res.json()) as { error?: typeof error }).error ?? {};
    } catch {}
    throw new ApiError(res.status, error.code ?? 'internal', error.message ?? res.statusText);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Search learning and "Answer with an article", for the Content gaps screen. */
export const learningApi = {
  learned: async () => (await json<{ entries: LearnedEntry[] }>('/api/admin/learning')).entries,
  revert: (query: string, slug: string) => json<void>('/api/admin/learning/revert', 'POST', { query, slug }),
  answer: (query: string, slug: string) =>
    json<{ added: boolean }>('/api/admin/learning/answers', 'POST', { query, slug }),
  searchArticles: async (q: string) =>
    (await json<{ results: ArticleHit[] }>(`/api/kb/search?limit=8&q=${encodeURIComponent(q)}`)).results,
};
