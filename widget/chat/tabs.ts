import type { MessageDTO, VisitorConversationDTO } from '../../server/protocol/dto.ts';

/** What one tab tells the visitor's other tabs of the same site, the moment it happens there. */
export type TabNote =
  /** A message this tab sent was stored; `conversation` comes with the first one, which started it. */
  | { kind: 'message'; message: MessageDTO; conversation?: VisitorConversationDTO }
  /** The visitor ended or rated the conversation here. */
  | { kind: 'conversation'; conversation: VisitorConversationDTO }
  /** "Start a new conversation" here, leaving conversation `after`. */
  | { kind: 'new'; after: string }
  /** The visitor read the conversation up to `seq` here: the other tabs' unread badges go. */
  | { kind: 'read'; conversationId: string; seq: number };

export interface TabChannel {
  /** Tells the other tabs (never this one). */
  post(note: TabNote): void;
  listen(fn: (note: TabNote) => void): () => void;
  close(): void;
}

/** The window's parts this needs; tests pass one without BroadcastChannel. */
type TabWindow = Pick<Window, 'addEventListener' | 'removeEventListener' | 'localStorage'> & {
  BroadcastChannel?: typeof BroadcastChannel;
};

interface Transport {
  send(note: TabNote): void;
  stop(): void;
}

function broadcast(name: string, win: TabWindow, deliver: (data: unknown) => void): Transport | null {
  if (typeof win.BroadcastChannel !== 'function') return null;
  const ch = new win.BroadcastChannel(name);
  const onMessage = (e: MessageEvent) => deliver(e.data);
  ch.addEventListener('message', onMessage);
  return {
    send: (note) => ch.postMessage(note),
    stop() {
      ch.removeEventListener('message', onMessage);
      ch.close();
    },
  };
}

function viaStorage(name: string, win: TabWindow, deliver: (data: unknown) => void): Transport {
  const onStorage = (e: StorageEvent) => {
    if (e.key !== name || !e.newValue) return;
    try {
      deliver((JSON.parse(e.newValue) as { note: unknown }).note);
    } catch {} // not ours to read
  };
  win.addEventListener('storage', onStorage);
  return {
    send(note) {
      // A fresh value each time, so two equal notes in a row are both seen; removed at once, nothing stays.
      win.localStorage.setItem(name, JSON.stringify({ note, at: `${Date.now()}:${Math.random()}` }));
      win.localStorage.removeItem(name);
    },
    stop: () => win.removeEventListener('storage', onStorage),
  };
}

/**
 * A BroadcastChannel where the browser has one; otherwise notes travel as storage events on a localStorage key.
 * Both reach only the other tabs of the same site. Never throws: a tab that cannot tell the others still works.
 */
export function createTabChannel(name: string, win: TabWindow = window): TabChannel {
  const listeners = new Set<(note: TabNote) => void>();
  const deliver = (data: unknown) => {
    if (!data || typeof data !== 'object' || typeof (data as TabNote).kind !== 'string') return;
    for (const fn of listeners) fn(data as TabNote);
  };
  const guarded = (data: unknown) => {
    try {
      deliver(data);
    } catch {}
  };
  let transport: Transport | null = null;
  try {
    transport = broadcast(name, win, guarded) ?? viaStorage(name, win, guarded);
  } catch {}
  return {
    post(note) {
      try {
        transport?.send(note);
      } catch {}
    },
    listen(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    close() {
      listeners.clear();
      try {
        transport?.stop();
      } catch {}
    },
  };
}
