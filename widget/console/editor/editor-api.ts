import { ApiError } from '../api.ts';

export type ArticleStatus = 'published' | 'draft' | 'broken';

export interface ArticleItem {
  slug: string;
  relPath: string;
  title: string;
  category: string;
  status: ArticleStatus;
  /** A translation's language (`es`...); absent for the default language. */
  locale?: string;
  problem?: { line: number; message: string };
}

export interface ArticleSource {
  slug: string;
  relPath: string;
  text: string;
  version: string;
}

export interface Problem {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface Version {
  id: string;
  author: string;
  at: string;
  message: string;
}

/** A refused call, with the server's validation issues (a problem at each line) when there are any. */
export class EditorApiError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly issues: Array<{ path: string; message: string }> = [],
  ) {
    super(status, code, message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`/api/admin/kb${path}`, {
    credentials: 'same-origin',
    ...init,
    headers: {
      accept: 'application/json',
      ...(typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
  if (!res.ok) {
    let error: { code?: string; message?: string; issues?: Array<{ path: string; message: string }> } = {};
    try {
      error = ((await res.json()) as { error?: typeof error }).error ?? {};
    } catch {}
    throw new EditorApiError(
      res.status,
      error.code ?? 'internal',
      error.message ?? res.statusText,
      error.issues,
    );
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

const path = (slug: string) => slug.split('/').map(encodeURIComponent).join('/');
const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

/** The knowledge-base editor's HTTP calls (server/http/kb-editor-router.ts); tests pass a fake of this shape. */
export const editorApi = {
  list: () => call<{ articles: ArticleItem[]; history: 'git' | 'folder' }>('/articles'),
  read: (slug: string) => call<ArticleSource>(`/articles/${path(slug)}`),
  preview: (slug: string, text: string) =>
    call<{ title: string; html: string; problems: Problem[] }>(`/preview/${path(slug)}`, post({ text })),
  save: (slug: string, text: string, baseVersion: string | null, restoredFrom?: string) =>
    call<{ slug: string; relPath: string; version: string }>(`/articles/${path(slug)}`, {
      method: 'PUT',
      body: JSON.stringify({ text, baseVersion, ...(restoredFrom ? { restoredFrom } : {}) }),
    }),
  move: (from: string, to: string, baseVersion: string) =>
    call<{ slug: string; relPath: string; version: string; relinked: string[] }>(
      '/move',
      post({ from, to, baseVersion }),
    ),
  remove: (slug: string, version: string) =>
    call<void>(`/articles/${path(slug)}?version=${version}`, { method: 'DELETE' }),
  uploadImage: (file: Blob, name: string) =>
    call<{ relPath: string; markdown: string }>(`/images?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      body: file,
      headers: { 'content-type': 'application/octet-stream' },
    }),
  history: (slug: string) => call<{ kind: 'git' | 'folder'; versions: Version[] }>(`/history/${path(slug)}`),
  version: (slug: string, id: string) =>
    call<{ id: string; text: string; previous: string | null }>(
      `/versions/${encodeURIComponent(id)}/${path(slug)}`,
    ),
};

export type EditorApi = typeof editorApi;
