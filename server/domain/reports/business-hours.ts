import { createHash } from 'node:crypto';
import type { WorkspaceSettings } from '../settings.ts';
import { type LocalDate, offsetAt } from './time-zone.ts';

export type BusinessHours = NonNullable<WorkspaceSettings['businessHours']>;

const DAY_MS = 86_400_000;
/** A wait longer than this many days is counted over its first this-many days only. */
const MAX_DAYS = 400;

/** The UTC instant of a local wall-clock time (minutes after midnight) on `date` in the zone. */
function wallToUtc(date: LocalDate, minutes: number, timeZone: string): number {
  const wall = Date.UTC(date.y, date.m - 1, date.d) + minutes * 60_000;
  const first = wall - offsetAt(wall, timeZone);
  // Twice, so a time just after a DST change uses the offset in force then; a time the clocks skip
  // falls on the first instant after the skip.
  return wall - offsetAt(first, timeZone);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * `(start, end) =>` the seconds between two instants that fall inside the opening hours, in the hours' own
 * zone (a wait from Friday 17:50 to Monday 09:10 with hours 09:00-18:00 on weekdays counts 20 minutes).
 * Each day's opening intervals and each quarter hour's offset are worked out once, so a report's thousands
 * of waits cost little.
 */
export function businessSeconds(hours: BusinessHours): (startMs: number, endMs: number) => number {
  const tz = hours.timeZone;
  const offsets = new Map<number, number>();
  const offset = (t: number) => {
    const slot = Math.floor(t / 900_000);
    let o = offsets.get(slot);
    if (o === undefined) {
      o = offsetAt(slot * 900_000, tz);
      offsets.set(slot, o);
    }
    return o;
  };
  const days = new Map<number, Array<[number, number]>>();
  /** Opening intervals (UTC ms) of the local day whose UTC-midnight label is `key`. */
  const intervals = (key: number) => {
    let list = days.get(key);
    if (!list) {
      const d = new Date(key);
      const date = { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
      list = hours.open
        .filter((o) => o.day === d.getUTCDay() && o.from < o.to)
        .map((o) => [wallToUtc(date, minutesOf(o.from), tz), wallToUtc(date, minutesOf(o.to), tz)]);
      days.set(key, list);
    }
    return list;
  };
  return (startMs, endMs) => {
    if (!(endMs > startMs)) return 0;
    const local = startMs + offset(startMs);
    let key = local - (local % DAY_MS);
    let total = 0;
    for (let i = 0; i < MAX_DAYS; i++) {
      const list = intervals(key);
      for (const [s, e] of list) total += Math.max(0, Math.min(e, endMs) - Math.max(s, startMs));
      key += DAY_MS;
      // The next local day starts no earlier than 14 hours before its UTC-midnight label.
      if (key - 14 * 3_600_000 >= endMs) break;
    }
    return total / 1000;
  };
}

/** Each first response counted within the opening hours, in whole seconds, as the summary counts it. */
export function businessResponse(within: ReturnType<typeof businessSeconds>, atMs: number, seconds: number) {
  return Math.round(within(atMs, atMs + seconds * 1000));
}

/**
 * A fingerprint of the opening hours: a stored business-hours figure counts only while the workspace's hours
 * still have the fingerprint it was counted under. The version part changes whenever the counting itself does.
 */
export function hoursKey(hours: BusinessHours): string {
  // The time-zone database's version too: a new release may move a zone's offsets.
  const text = JSON.stringify({
    timeZone: hours.timeZone,
    open: hours.open.map((o) => [o.day, o.from, o.to]),
    tz: process.versions.tz ?? '',
  });
  return `v1:${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
}
