import type { MessageDTO } from '../../server/protocol/dto.ts';

/**
 * One conversation's messages as a client holds them, shared by the widget and the console. Pure: every function
 * returns a new value (or the same one when nothing changed).
 *
 * `through` is the client's resync point: the highest seq below which it holds everything (a seq it will never be
 * shown, such as an agents' note in a visitor's widget, counts as held once a fill answer vouched for it). It is
 * never the highest seq seen: a message that arrives past a gap (its broadcast overtook, or an earlier one was
 * lost) is held, and the gap is filled by asking for everything after `through`.
 */
export interface Transcript {
  /** Every message held, once each, in seq order. */
  known: MessageDTO[];
  through: number;
  /** The highest seq the server said exists (a conversation's `lastSeq`); past `through` it is a gap too. */
  announced: number;
  /** Messages up to here are shown even past a gap: the wait for it is over (they still count as missing). */
  released: number;
}

/** How long messages past a gap wait for it to fill before they are shown anyway, in seq order. */
export const GAP_WAIT_MS = 1500;

export const emptyTranscript: Transcript = { known: [], through: 0, announced: 0, released: 0 };

/** Adds `incoming` to `list`, once each (by id, or by seq: one conversation), in seq order. */
export function mergeMessages(list: MessageDTO[], incoming: MessageDTO[]): MessageDTO[] {
  let out = list;
  for (const m of incoming) {
    if (out.some((x) => x.id === m.id || x.seq === m.seq)) continue;
    const last = out[out.length - 1];
    out = !last || last.seq < m.seq ? [...out, m] : [...out, m].sort((a, b) => a.seq - b.seq);
  }
  return out;
}

/** Highest seq held, 0 for none. */
export function lastSeq(list: MessageDTO[]): number {
  return list.reduce((max, m) => Math.max(max, m.seq), 0);
}

/** Moves `through` over every seq held right after it. */
function advance(through: number, known: MessageDTO[]): number {
  let t = through;
  for (const m of known) if (m.seq === t + 1) t = m.seq;
  return t;
}

/**
 * Takes messages from any source (an ack, a fact, another tab, a fill answer). `covers`: the answer to "everything
 * after `through`" vouches for every seq up to here, shown or not. `announced`: a conversation's `lastSeq`.
 */
export function receive(
  t: Transcript,
  messages: MessageDTO[],
  opts: { covers?: number; announced?: number } = {},
): Transcript {
  const known = mergeMessages(t.known, messages);
  const through = advance(Math.max(t.through, opts.covers ?? 0), known);
  const announced = Math.max(t.announced, opts.announced ?? 0);
  if (known === t.known && through === t.through && announced === t.announced) return t;
  return { known, through, announced, released: t.released };
}

/** The wait for a gap is over: what is held so far is shown, in seq order; the gap is still asked for. */
export function release(t: Transcript): Transcript {
  const top = lastSeq(t.known);
  return top > t.released ? { ...t, released: top } : t;
}

/** What a view shows: everything up to the resync point, and what the wait released. */
export function shown(t: Transcript): MessageDTO[] {
  const upTo = Math.max(t.through, t.released);
  return t.known.every((m) => m.seq <= upTo) ? t.known : t.known.filter((m) => m.seq <= upTo);
}

/** Messages past a gap, waiting for it to fill before they are shown. */
export function held(t: Transcript): MessageDTO[] {
  const upTo = Math.max(t.through, t.released);
  return t.known.filter((m) => m.seq > upTo);
}

/** True when something is missing below what the client knows exists: ask for everything after `through`. */
export function hasGap(t: Transcript): boolean {
  return Math.max(t.announced, lastSeq(t.known)) > t.through;
}
