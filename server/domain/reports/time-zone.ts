/**
 * Calendar arithmetic in a named time zone with nothing but Intl: local midnights as UTC instants, day
 * boundaries across DST changes, and the local weekday and hour of an instant.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (formatters.size > 200) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA zone name Intl knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds the zone's wall clock is ahead of UTC at instant `t`. */
export function offsetAt(t: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(t)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - Math.floor(t / 1000) * 1000;
}

/** A calendar date, `YYYY-MM-DD`. */
export interface LocalDate {
  y: number;
  m: number;
  d: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseLocalDate(s: string): LocalDate | undefined {
  const match = DATE.exec(s);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d)
    return undefined;
  return { y, m, d };
}

export function formatLocalDate({ y, m, d }: LocalDate): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The date `n` days after `date` (negative: before). */
export function addDays(date: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/**
 * The UTC instant at which `date` begins in the zone. Where the zone skips midnight (a DST change at 00:00),
 * the day begins at the first instant that exists.
 */
export function startOfDay(date: LocalDate, timeZone: string): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  if (first === second) return first;
  // The two guesses straddle a change: the earlier one that still falls on `date` is the start.
  const [early, late] = first < second ? [first, second] : [second, first];
  return localDateOf(early, timeZone).d === date.d ? early : late;
}

/** The zone's calendar date at instant `t`. */
export function localDateOf(t: number, timeZone: string): LocalDate {
  const local = new Date(t + offsetAt(t, timeZone));
  return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() };
}

/** Local weekday (0 = Sunday) and hour of instants, remembering offsets per quarter hour (they change rarely). */
export function wallClock(timeZone: string): (t: number) => { weekday: number; hour: number } {
  const memo = new Map<number, number>();
  return (t) => {
    const slot = Math.floor(t / 900_000);
    let offset = memo.get(slot);
    if (offset === undefined) {
      offset = offsetAt(slot * 900_000, timeZone);
      memo.set(slot, offset);
    }
    const local = new Date(t + offset);
    return { weekday: local.getUTCDay(), hour: local.getUTCHours() };
  };
}
