import type {
  InviteCreatedResponse,
  InviteDTO,
  InviteLookupResponse,
} from '../../server/protocol/accounts.ts';
import type { AgentConversationDTO, AgentDTO, AgentRole, SavedReplyDTO } from '../../server/protocol/dto.ts';
import type { ErrorBody } from '../../server/protocol/errors.ts';
import type { AgentSessionResponse } from '../../server/protocol/http.ts';
import { type ConsolePreferences, DEFAULT_PREFERENCES } from '../../server/protocol/preferences.ts';

/** A canned answer agents insert with `/shortcut`. */
export type SavedReply = SavedReplyDTO;
export type SavedReplyInput = Pick<SavedReply, 'shortcut' | 'title' | 'text'>;

/** Per-agent alerts, stored on the server (`/api/console/preferences`), so they follow the agent. */
export type Preferences = ConsolePreferences;
export { DEFAULT_PREFERENCES };

/** The workspace settings (server/domain/settings.ts), as `GET /api/admin/settings` returns them. */
export interface WorkspaceSettings {
  widget: {
    greeting: string;
    /** Said from the team as each chat starts (empty: none). */
    chatGreeting?: string;
    color: string;
    launcherLabel: string;
    position: 'left' | 'right';
    /** The help centre's name and logo (empty: "Help centre", no logo). */
    siteName?: string;
    logoUrl?: string;
  };
  routing: {
    mode: 'pick' | 'auto';
    queueLimit: number;
    waitTargetSeconds: number;
    agentGraceSeconds: number;
  };
  businessHours: { timeZone: string; open: Array<{ day: number; from: string; to: string }> } | null;
}

export interface ContentGaps {
  days: number;
  unanswered: Array<{ query: string; count: number }>;
  /** Articles voted "did not help", by title (null when the article is gone). */
  unhelpful: Array<{ slug: string; title?: string | null; no: number; yes: number }>;
  /** Problems in the article files now (null when the server cannot tell). */
  knowledgeBase?: KnowledgeBaseHealth | null;
}

export interface KnowledgeBaseHealth {
  articles: number;
  problems: Array<{ file: string; line: number; severity: 'error' | 'warning'; message: string }>;
  /** Articles whose file no longer parses: visitors still see the version read at `since`. */
  stale: Array<{ file: string; slug: string; title: string; since: string }>;
}

export interface KbHit {
  slug: string;
  title: string;
  heading?: string | null;
  snippet?: string;
  url: string;
}

/** The HTTP calls of the console; tests pass a fake with the same shape. */
export interface ConsoleApi {
  /** Resolves with the agent, or rejects with ApiError (401 unauthorized, 429 rate_limited...). */
  login(email: string, password: string): Promise<AgentDTO>;
  logout(): Promise<void>;
  /** The signed-in agent, or null when there is no valid session. */
  me(): Promise<AgentDTO | null>;
  settings(): Promise<WorkspaceSettings>;
  saveSettings(s: WorkspaceSettings): Promise<WorkspaceSettings>;
  contentGaps(days?: number): Promise<ContentGaps>;
  savedReplies(): Promise<SavedReply[]>;
  createSavedReply(input: SavedReplyInput): Promise<SavedReply>;
  updateSavedReply(id: string, input: Partial<SavedReplyInput>): Promise<SavedReply>;
  deleteSavedReply(id: string): Promise<void>;
  preferences(): Promise<Preferences>;
  savePreferences(p: Preferences): Promise<Preferences>;
  searchConversations(q: string, status?: 'closed'): Promise<AgentConversationDTO[]>;
  kbSearch(q: string): Promise<KbHit[]>;
  agents(): Promise<AgentDTO[]>;
  createAgent(input: { email: string; name: string; role: AgentRole; maxChats?: number }): Promise<{
    agent: AgentDTO;
    password: string;
  }>;
  updateAgent(
    id: string,
    patch: Partial<{ name: string; role: AgentRole; maxChats: number; disabled: boolean }>,
  ): Promise<AgentDTO>;
  resetPassword(id: string): Promise<{ agent: AgentDTO; password: string }>;
  /** Pending invites (admins). */
  invites(): Promise<InviteDTO[]>;
  /** With `sendEmail`, the server also emails the link; the answer's `email` says whether it went. */
  createInvite(input: {
    email: string;
    name: string;
    role: AgentRole;
    sendEmail?: boolean;
  }): Promise<InviteCreatedResponse>;
  revokeInvite(id: string): Promise<void>;
  /** What an invite link leads to; rejects with ApiError 404 for an unknown link. */
  lookupInvite(token: string): Promise<InviteLookupResponse>;
  /** Uses the invite: the account is made with this password and signed in. */
  acceptInvite(token: string, password: string): Promise<AgentDTO>;
  /** Rejects with ApiError 403 when the current password is wrong. */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** Your own display name, shown to visitors and colleagues. */
  renameMe(name: string): Promise<AgentDTO>;
  /**
   * After signing in with a one-time password: one's own password, without the current one. Resolves with
   * the agent, free to use the console; rejects with ApiError 409 for the one-time password itself.
   */
  choosePassword(newPassword: string): Promise<AgentDTO>;
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

/** A JSON call: the body sent as JSON, the answer parsed (undefined for 204); a refusal rejects with ApiError. */
export async function requestJson<T>(
  fetchFn: typeof fetch,
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<T> {
  const res = await call(fetchFn, path, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export function createApi(fetchFn: typeof fetch = fetch.bind(globalThis)): ConsoleApi {
  const json = <T>(path: string, method = 'GET', body?: unknown): Promise<T> =>
    requestJson<T>(fetchFn, path, method, body);
  const c = '/api/console';
  return {
    settings: () => json('/api/admin/settings'),
    saveSettings: (s) => json('/api/admin/settings', 'PUT', s),
    contentGaps: (days = 30) => json(`/api/admin/content-gaps?days=${days}`),
    savedReplies: async () => (await json<{ savedReplies: SavedReply[] }>(`${c}/saved-replies`)).savedReplies,
    createSavedReply: async (input) =>
      (await json<{ savedReply: SavedReply }>(`${c}/saved-replies`, 'POST', input)).savedReply,
    updateSavedReply: async (id, input) =>
      (await json<{ savedReply: SavedReply }>(`${c}/saved-replies/${encodeURIComponent(id)}`, 'PATCH', input))
        .savedReply,
    deleteSavedReply: (id) => json(`${c}/saved-replies/${encodeURIComponent(id)}`, 'DELETE'),
    preferences: async () => (await json<{ preferences: Preferences }>(`${c}/preferences`)).preferences,
    savePreferences: async (p) =>
      (await json<{ preferences: Preferences }>(`${c}/preferences`, 'PUT', p)).preferences,
    searchConversations: async (q, status) =>
      (
        await json<{ conversations: AgentConversationDTO[] }>(
          `${c}/conversations?q=${encodeURIComponent(q)}${status ? `&status=${status}` : ''}`,
        )
      ).conversations,
    kbSearch: async (q) =>
      (await json<{ results: KbHit[] }>(`/api/kb/search?q=${encodeURIComponent(q)}&limit=8`)).results,
    agents: async () => (await json<{ agents: AgentDTO[] }>(`${c}/agents`)).agents,
    createAgent: (input) => json(`${c}/agents`, 'POST', input),
    updateAgent: async (id, patch) =>
      (await json<{ agent: AgentDTO }>(`${c}/agents/${encodeURIComponent(id)}`, 'PATCH', patch)).agent,
    resetPassword: (id) => json(`${c}/agents/${encodeURIComponent(id)}/password`, 'POST'),
    invites: async () => (await json<{ invites: InviteDTO[] }>(`${c}/invites`)).invites,
    createInvite: (input) => json(`${c}/invites`, 'POST', input),
    revokeInvite: (id) => json(`${c}/invites/${encodeURIComponent(id)}`, 'DELETE'),
    lookupInvite: (token) => json('/api/auth/invite', 'POST', { token }),
    acceptInvite: async (token, password) =>
      (await json<AgentSessionResponse>('/api/auth/invite/accept', 'POST', { token, password })).agent,
    changePassword: (currentPassword, newPassword) =>
      json(`${c}/password`, 'POST', { currentPassword, newPassword }),
    renameMe: async (name) => (await json<{ agent: AgentDTO }>(`${c}/me`, 'PATCH', { name })).agent,
    choosePassword: async (newPassword) =>
      (await json<AgentSessionResponse>(`${c}/password/choose`, 'POST', { newPassword })).agent,
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
