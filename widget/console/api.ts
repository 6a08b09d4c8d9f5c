import type { AgentDTO } from '../../server/protocol/dto.ts';
import type { ErrorBody } from '../../server/protocol/errors.ts';
import type { AgentSessionResponse } from '../../server/protocol/http.ts';

/** The HTTP calls of the console; tests pass a fake with the same shape. */
export interface ConsoleApi {
  /** Resolves with the agent, or rejects with ApiError (401 unauthorized, 429 rate_limited...). */
  login(email: string, password: string): Promise<AgentDTO>;
  logout(): Promise<void>;
  /** The signed-in agent, or null when there is no valid session. */
  me(): Promise<AgentDTO | null>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function call(fetchFn: typeof fetch, path: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetchFn(path, {
    credentials: 'same-origin',
    ...init,
    headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
  });
  if (res.ok) return res;
  let error: Partial<ErrorBody> = {};
  try {
    error = ((await res.json()) as { error?: ErrorBody }).error ?? {};
  } catch {
    // Not JSON (a proxy page, say): the status alone has to do.
  }
  throw new ApiError(res.status, error.code ?? 'internal', error.message ?? res.statusText);
}

export function createApi(fetchFn: typeof fetch = fetch.bind(globalThis)): ConsoleApi {
  return {
    async login(email, password) {
      const res = await call(fetchFn, '/api/auth/login', {
        method: 'POST',
        body: JSON.stringify({ email, password }),
      });
      return ((await res.json()) as AgentSessionResponse).agent;
    },
    async logout() {
      await call(fetchFn, '/api/auth/logout', { method: 'POST' });
    },
    async me() {
      try {
        const res = await call(fetchFn, '/api/auth/me');
        return ((await res.json()) as AgentSessionResponse).agent;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
  };
}
