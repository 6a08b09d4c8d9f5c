import { ErrorCode } from '../../protocol/errors.ts';
import { DomainError } from '../errors.ts';
import {
  addDays,
  daysBetween,
  formatLocalDate,
  isTimeZone,
  type LocalDate,
  parseLocalDate,
  startOfDay,
} from './time-zone.ts';

/** The longest range a report covers, in days. */
export const MAX_RANGE_DAYS = 400;

/** A report's period: whole local days `from`..`to` (both included) in `timeZone`, and their UTC bounds. */
export interface ReportRange {
  from: string;
  to: string;
  timeZone: string;
  /** UTC instant (ISO) at which `from` begins; `endIso` is when the day after `to` begins (excluded). */
  startIso: string;
  endIso: string;
  /** The start of each day, as epoch ms, and one more: the end of the last day. */
  dayStarts: number[];
}

function invalid(path: string, message: string): DomainError {
  return new DomainError(ErrorCode.validation, `${path}: ${message}`, [{ path, message }]);
}

/** Builds a range from `from`, `to` (YYYY-MM-DD) and a zone name, or throws validation_failed naming the field. */
export function reportRange(
  input: { from?: unknown; to?: unknown; tz?: unknown },
  defaultTz = 'UTC',
): ReportRange {
  const tz = input.tz === undefined || input.tz === '' ? defaultTz : input.tz;
  if (typeof tz !== 'string' || !isTimeZone(tz))
    throw invalid('tz', 'not a time zone (use a name like Europe/Berlin)');
  const from = typeof input.from === 'string' ? parseLocalDate(input.from) : undefined;
  if (!from) throw invalid('from', 'a date is required, as YYYY-MM-DD');
  const to = typeof input.to === 'string' ? parseLocalDate(input.to) : undefined;
  if (!to) throw invalid('to', 'a date is required, as YYYY-MM-DD');
  const days = daysBetween(from, to) + 1;
  if (days < 1) throw invalid('to', 'the range ends before it begins');
  if (days > MAX_RANGE_DAYS) throw invalid('to', `a range covers at most ${MAX_RANGE_DAYS} days`);
  return rangeOf(from, to, tz);
}

export function rangeOf(from: LocalDate, to: LocalDate, timeZone: string): ReportRange {
  const n = daysBetween(from, to) + 1;
  const dayStarts: number[] = [];
  for (let i = 0; i <= n; i++) dayStarts.push(startOfDay(addDays(from, i), timeZone));
  return {
    from: formatLocalDate(from),
    to: formatLocalDate(to),
    timeZone,
    startIso: new Date(dayStarts[0] ?? 0).toISOString(),
    endIso: new Date(dayStarts[n] ?? 0).toISOString(),
    dayStarts,
  };
}

/** The period of the same length just before `range`, for "change against the previous period". */
export function previousRange(range: ReportRange): ReportRange {
  const from = parseLocalDate(range.from) as LocalDate;
  const to = parseLocalDate(range.to) as LocalDate;
  const n = daysBetween(from, to) + 1;
  return rangeOf(addDays(from, -n), addDays(to, -n), range.timeZone);
}

/** The local dates of the range, one per day. */
export function rangeDates(range: ReportRange): string[] {
  const from = parseLocalDate(range.from) as LocalDate;
  return range.dayStarts.slice(0, -1).map((_, i) => formatLocalDate(addDays(from, i)));
}
