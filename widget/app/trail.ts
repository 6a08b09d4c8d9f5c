import type { TrailEntry } from '../../server/protocol/dto.ts';
import { TRAIL_MAX } from '../ui/limits.ts';
import { readJson, writeJson } from '../ui/storage.ts';

/** What the visitor tried before asking a person; sent with `conversation:start` so the agent need not ask. */
export interface Trail {
  add(entry: TrailEntry): void;
  list(): TrailEntry[];
}

/** Pure: appends `entry`, folding a search into the previous one while the visitor is still typing it. */
export function appendEntry(trail: TrailEntry[], entry: TrailEntry): TrailEntry[] {
  const last = trail[trail.length - 1];
  const typing =
    entry.kind === 'search' &&
    last?.kind === 'search' &&
    (entry.query.startsWith(last.query) || last.query.startsWith(entry.query));
  const next = typing ? [...trail.slice(0, -1), entry] : [...trail, entry];
  return next.slice(-TRAIL_MAX);
}

/** Kept in sessionStorage (under `key`) so it survives navigation within the visit; memory when storage fails. */
export function createTrail(key: string | null): Trail {
  let entries: TrailEntry[] = (key && readJson<TrailEntry[]>(key, 'sessionStorage')) || [];
  return {
    add(entry) {
      entries = appendEntry(entries, entry);
      if (key) writeJson(key, entries, 'sessionStorage');
    },
    list: () => entries,
  };
}
