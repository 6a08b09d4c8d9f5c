/** Unsent replies per conversation. They outlive a lost session (sign in again, text still there). */
export interface Drafts {
  get(conversationId: string): string;
  set(conversationId: string, text: string): void;
  clear(): void;
}

const KEY = 'parley.console.drafts';

/** sessionStorage can throw (private modes, disabled storage): drafts then live in memory only. */
function safeStorage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function createDrafts(storage: Storage | null = safeStorage()): Drafts {
  let map: Record<string, string> = {};
  try {
    map = JSON.parse(storage?.getItem(KEY) ?? '{}') as Record<string, string>;
  } catch {
    map = {};
  }
  const save = () => {
    try {
      storage?.setItem(KEY, JSON.stringify(map));
    } catch {
      // Quota or privacy mode: memory is enough for this tab.
    }
  };
  return {
    get: (id) => map[id] ?? '',
    set(id, text) {
      if (text) map[id] = text;
      else delete map[id];
      save();
    },
    clear() {
      map = {};
      try {
        storage?.removeItem(KEY);
      } catch {
        // Nothing to do.
      }
    },
  };
}
