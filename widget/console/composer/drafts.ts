/**
 * Unsent replies per conversation, kept in this browser's localStorage under the agent's id: they
 * survive a reload, another tab, an ended session and signing out and in again, and another agent
 * signing in on the same browser never sees them. A draft untouched for DRAFT_TTL_MS is dropped.
 */
export interface Drafts {
  get(conversationId: string): string;
  set(conversationId: string, text: string): void;
}

/** As long as a session lasts: a draft older than that is forgotten, not kept forever. */
export const DRAFT_TTL_MS = 7 * 24 * 3600 * 1000;
const PREFIX = 'parley.console.drafts.';
/** Where drafts lived before they were kept per agent (one tab's sessionStorage). */
const LEGACY_KEY = 'parley.console.drafts';

type Stored = Record<string, { text: string; at: number }>;

/** Storage can throw (private modes, disabled storage, sandboxed frames): drafts then live in memory only. */
function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function safeSessionStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function parse(raw: string | null | undefined): Stored {
  try {
    const value = JSON.parse(raw ?? '{}') as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    const out: Stored = {};
    for (const [id, d] of Object.entries(value as Record<string, unknown>)) {
      const draft = d as { text?: unknown; at?: unknown } | null;
      if (typeof draft?.text === 'string' && typeof draft.at === 'number') {
        out[id] = { text: draft.text, at: draft.at };
      }
    }
    return out;
  } catch {
    return {};
  }
}

export function createDrafts(
  agentId: string,
  storage: Storage | null = safeLocalStorage(),
  now: () => number = Date.now,
  legacy: Storage | null = safeSessionStorage(),
): Drafts {
  const key = PREFIX + agentId;
  let memory: Stored = {};
  let inMemory = !storage;
  // Re-read before every write: another tab of the same agent may have saved a draft meanwhile.
  const read = (): Stored => {
    if (inMemory || !storage) return { ...memory };
    try {
      return parse(storage.getItem(key));
    } catch {
      inMemory = true;
      return { ...memory };
    }
  };
  const write = (map: Stored) => {
    memory = map;
    if (inMemory || !storage) return;
    try {
      if (Object.keys(map).length) storage.setItem(key, JSON.stringify(map));
      else storage.removeItem(key);
    } catch {
      // Quota or privacy mode: memory is enough for this tab from now on.
      inMemory = true;
    }
  };

  const fresh = read();
  for (const [id, d] of Object.entries(fresh)) if (now() - d.at > DRAFT_TTL_MS) delete fresh[id];
  try {
    const old = legacy?.getItem(LEGACY_KEY);
    if (old) {
      const map = JSON.parse(old) as Record<string, unknown>;
      for (const [id, text] of Object.entries(map)) {
        if (typeof text === 'string' && text && !fresh[id]) fresh[id] = { text, at: now() };
      }
      legacy?.removeItem(LEGACY_KEY);
    }
  } catch {
    // A damaged old entry is not worth more than this.
  }
  write(fresh);

  return {
    get: (id) => read()[id]?.text ?? '',
    set(id, text) {
      const map = read();
      if (text) map[id] = { text, at: now() };
      else delete map[id];
      write(map);
    },
  };
}
