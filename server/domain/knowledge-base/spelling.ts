/**
 * Typo correction against the knowledge base's own vocabulary. A query word the index has never
 * seen is replaced by the known words at the smallest edit distance (Damerau: a swap of two
 * letters counts as one edit, the commonest typing slip). All equally close words are kept, as
 * alternatives, rather than guessing one.
 */
export class Vocabulary {
  /** Terms bucketed by first letter, then by length: typos rarely hit the first letter, and this keeps a lookup well under a millisecond. */
  private readonly buckets = new Map<string, Map<number, string[]>>();

  constructor(terms: Iterable<string>) {
    for (const term of terms) {
      const first = term[0] ?? '';
      const byLength = this.buckets.get(first) ?? new Map<number, string[]>();
      this.buckets.set(first, byLength);
      const list = byLength.get(term.length) ?? [];
      list.push(term);
      byLength.set(term.length, list);
    }
  }

  /** Other known words within `maxDistance` edits of a known word (the word itself excluded). */
  neighbours(word: string, maxDistance: number): string[] {
    const out: string[] = [];
    for (const first of new Set([word[0] ?? '', word[1] ?? ''])) {
      const byLength = this.buckets.get(first);
      for (let len = word.length - maxDistance; len <= word.length + maxDistance; len++) {
        for (const candidate of byLength?.get(len) ?? []) {
          if (
            candidate !== word &&
            !out.includes(candidate) &&
            damerau(word, candidate, maxDistance + 1) <= maxDistance
          ) {
            out.push(candidate);
          }
        }
      }
    }
    return out;
  }

  corrections(word: string, maxDistance: number): string[] {
    let best = maxDistance + 1;
    let found: string[] = [];
    // Same first letter, or the second one (a swapped or dropped first letter).
    const firsts = new Set([word[0] ?? '', word[1] ?? '']);
    for (const first of firsts) {
      const byLength = this.buckets.get(first);
      if (!byLength) continue;
      for (let len = word.length - maxDistance; len <= word.length + maxDistance; len++) {
        if (Math.abs(len - word.length) > best) continue;
        for (const candidate of byLength.get(len) ?? []) {
          // Limit best + 1: a result equal to `best` is then a true distance, not a give-up.
          const d = damerau(word, candidate, best + 1);
          if (d < best) {
            best = d;
            found = [candidate];
          } else if (d === best && !found.includes(candidate)) found.push(candidate);
        }
      }
    }
    return best <= maxDistance ? found : [];
  }
}

/** Optimal-string-alignment distance, giving up (returning `limit`) once it cannot beat `limit`. */
export function damerau(a: string, b: string, limit: number): number {
  const n = a.length;
  const m = b.length;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prevPrev[j - 2] as number) + 1);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    prevPrev = prev;
    prev = row;
  }
  return Math.min(prev[m] as number, limit);
}
