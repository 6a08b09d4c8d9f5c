// Storage can throw (sandboxed iframes, Safari private mode, blocked third-party storage): every access is guarded.
// Model: preactjs/preact-www src/lib/localstorage.js.

type Area = 'localStorage' | 'sessionStorage';

function area(which: Area): Storage | null {
  try {
    return window[which];
  } catch {
    return null;
  }
}

/** Reads and parses a JSON value; null when absent, unreadable or not JSON. */
export function readJson<T>(key: string, which: Area = 'localStorage'): T | null {
  try {
    const raw = area(which)?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

/** Writes a JSON value (null removes it); false when storage refused. */
export function writeJson(key: string, value: unknown, which: Area = 'localStorage'): boolean {
  try {
    const s = area(which);
    if (!s) return false;
    if (value === null) s.removeItem(key);
    else s.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Keys are namespaced by Parley's origin, so two Parley servers embedded on one site never share a visitor. */
export function storageKey(base: string, name = 'visitor'): string {
  let origin = base;
  try {
    origin = new URL(base).origin;
  } catch {}
  return `parley:${origin}:${name}`;
}

/** What the loader and the chat keep about a visitor who has engaged. */
export interface StoredVisitor {
  visitorId: string;
  token: string;
  /** Set once a conversation exists: the loader then restores the chat on the next page. */
  conversationId?: string;
}
