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
