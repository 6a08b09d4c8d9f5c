import type { LearnedEntryDTO } from '../../../server/protocol/dto.ts';
import { requestJson } from '../api.ts';

/** What search learned from visitors (GET /api/admin/learning). */
export type LearnedEntry = LearnedEntryDTO;

/** Through the page's fetch at call time (tests replace it). */
const json = <T>(path: string, method = 'GET', body?: unknown): Promise<T> =>
  requestJson<T>((...args) => fetch(...args), path, method, body);

/** Search learning and "Answer with an article", for the Content gaps screen. */
export const learningApi = {
  learned: async () => (await json<{ entries: LearnedEntry[] }>('/api/admin/learning')).entries,
  revert: (query: string, slug: string) => json<void>('/api/admin/learning/revert', 'POST', { query, slug }),
  answer: (query: string, slug: string) =>
    json<{ added: boolean }>('/api/admin/learning/answers', 'POST', { query, slug }),
};
