/** Seconds to a first response and how many conversations took each, ascending (the reports' roll-up). */
export type FirstResponses = (startIso: string, endIso: string) => Promise<Array<[number, number]>>;

/**
 * How soon the team usually answers: the median first response over the last `days` days, from the measured
 * figures the Reports screen shows. Null with fewer than `minSamples` answered conversations (no promise made
 * from too little). Cached for `ttlMs`, since every widget that opens asks.
 */
export function typicalReply(deps: {
  firstResponses: FirstResponses;
  now: () => number;
  days?: number;
  minSamples?: number;
  ttlMs?: number;
}): () => Promise<number | null> {
  const days = deps.days ?? 14;
  const minSamples = deps.minSamples ?? 5;
  const ttl = deps.ttlMs ?? 5 * 60_000;
  let cached: { at: number; value: Promise<number | null> } | null = null;
  return () => {
    const now = deps.now();
    if (cached && now - cached.at < ttl) return cached.value;
    const value = deps
      .firstResponses(new Date(now - days * 86_400_000).toISOString(), new Date(now + 1000).toISOString())
      .then((counted) => medianOf(counted, minSamples))
      .catch(() => null);
    cached = { at: now, value };
    return value;
  };
}

/** The median of a counted histogram ([value, count] ascending); null below `minSamples`. */
export function medianOf(counted: Array<[number, number]>, minSamples: number): number | null {
  const total = counted.reduce((sum, [, n]) => sum + n, 0);
  if (total < minSamples) return null;
  const half = total / 2;
  let seen = 0;
  for (const [value, n] of counted) {
    seen += n;
    if (seen >= half) return value;
  }
  return counted[counted.length - 1]?.[0] ?? null;
}
