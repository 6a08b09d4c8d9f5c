import type { AgentRow, ConversationRow, InviteRow, MessageRow, SavedReplyRow, VisitorRow } from '../rows.ts';

/** Everything the in-memory store holds: plain maps and arrays, so a transaction can copy and restore them. */
export interface MemoryState {
  agents: Map<string, AgentRow>;
  sessions: Map<string, { agentId: string; createdAt: string; expiresAt: string }>;
  invites: Map<string, InviteRow>;
  visitors: Map<string, VisitorRow & { tokenHash: string }>;
  conversations: Map<string, ConversationRow & { startClientId: string | null }>;
  /** Per conversation, in seq order. */
  messages: Map<string, MessageRow[]>;
  events: Array<{
    id: number;
    conversationId: string;
    kind: string;
    agentId: string | null;
    data: unknown;
    createdAt: string;
  }>;
  settings: Map<string, unknown>;
  /** When each setting was last written (ISO). */
  settingsWritten: Map<string, string>;
  feedback: Array<{ slug: string; helpful: boolean; createdAt: string }>;
  searches: Array<{ query: string; resultCount: number; escalated: boolean; createdAt: string }>;
  savedReplies: Map<string, SavedReplyRow>;
}

export const emptyState = (): MemoryState => ({
  agents: new Map(),
  sessions: new Map(),
  invites: new Map(),
  visitors: new Map(),
  conversations: new Map(),
  messages: new Map(),
  events: [],
  settings: new Map(),
  settingsWritten: new Map(),
  feedback: [],
  searches: [],
  savedReplies: new Map(),
});

/** A copy the caller may change without changing what is stored (as a row read from a database). */
export const copy = <T>(v: T): T => structuredClone(v);

/** What a database's unique index says, in words the Kysely store's callers already recognise. */
export const uniqueViolation = (what: string) =>
  Object.assign(new Error(`UNIQUE constraint failed: ${what}`), { code: 'SQLITE_CONSTRAINT_UNIQUE' });

/** Ascending order by the given keys, as an SQL ORDER BY on text columns would sort them. */
export const byKeys =
  <T>(...keys: Array<(row: T) => string | number | null>) =>
  (a: T, b: T) => {
    for (const key of keys) {
      const x = key(a) ?? '';
      const y = key(b) ?? '';
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return 0;
  };

/** Sets the fields of `patch` that are not undefined (an UPDATE of the given columns). */
export function assignDefined<T extends object>(target: T, patch: Partial<T>): void {
  for (const [k, v] of Object.entries(patch))
    if (v !== undefined) (target as Record<string, unknown>)[k] = copy(v);
}
