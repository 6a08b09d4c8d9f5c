/** Order statistics as docs/metrics.md defines them. All return null for no values. */

/** The values in ascending order, as a typed array (a numeric sort, several times faster than a comparator). */
export function sorted(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

/** The middle value; the mean of the two middle values when there is an even number. */
export function median(values: readonly number[] | Float64Array): number | null {
  if (!values.length) return null;
  const s = values instanceof Float64Array ? values : sorted(values);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Nearest rank: the smallest value with at least `p` percent of the values at or below it. */
export function percentile(values: readonly number[] | Float64Array, p: number): number | null {
  if (!values.length) return null;
  const s = values instanceof Float64Array ? values : sorted(values);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1] ?? null;
}

/** `part / whole`, or null when whole is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Seconds rounded to whole seconds (null stays null). */
export function seconds(v: number | null): number | null {
  return v === null ? null : Math.round(v);
}

/** Rounds a share or average to 4 decimal places, so JSON stays readable. */
export function round4(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10_000) / 10_000;
}

/** Values with how often each occurs, ascending: what a GROUP BY of whole seconds returns. */
export type Counted = ReadonlyArray<readonly [value: number, count: number]>;

/** The value at 1-based `rank` of the expanded list. */
function atRank(counted: Counted, rank: number): number {
  let seen = 0;
  for (const [v, n] of counted) {
    seen += n;
    if (seen >= rank) return v;
  }
  return counted[counted.length - 1]?.[0] ?? 0;
}

/** median() of the expanded list, without expanding it. */
export function medianCounted(counted: Counted): number | null {
  const total = counted.reduce((t, [, n]) => t + n, 0);
  if (!total) return null;
  const mid = total >> 1;
  return total % 2 ? atRank(counted, mid + 1) : (atRank(counted, mid) + atRank(counted, mid + 1)) / 2;
}

/** percentile() of the expanded list, without expanding it. */
export function percentileCounted(counted: Counted, p: number): number | null {
  const total = counted.reduce((t, [, n]) => t + n, 0);
  if (!total) return null;
  return atRank(counted, Math.max(1, Math.ceil((p / 100) * total)));
}
