import type { MessageDTO } from '../../server/protocol/dto.ts';

/** Pure: adds `incoming` to `list`, once each (by id), in seq order. Internal notes never reach a visitor. */
export function mergeMessages(list: MessageDTO[], incoming: MessageDTO[]): MessageDTO[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  let changed = false;
  for (const m of incoming) {
    if (m.author === 'note' || byId.has(m.id)) continue;
    byId.set(m.id, m);
    changed = true;
  }
  return changed ? [...byId.values()].sort((a, b) => a.seq - b.seq) : list;
}

/** Highest seq held, 0 for none: what `conversation:sync` asks to continue from. */
export function lastSeq(list: MessageDTO[]): number {
  return list.reduce((max, m) => Math.max(max, m.seq), 0);
}

/** A client id the server accepts (8-64 of [A-Za-z0-9_-]). */
export function newClientId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `c${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
