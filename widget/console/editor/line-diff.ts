export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * A line diff from `before` to `after` (longest common subsequence); long files beyond the quadratic budget
 * are shown as all removed then all added rather than freezing the page.
 */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head = a.slice(0, start).map((text): DiffLine => ({ kind: 'same', text }));
  const tail = a.slice(endA).map((text): DiffLine => ({ kind: 'same', text }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > 4_000_000) {
    return [
      ...head,
      ...midA.map((text): DiffLine => ({ kind: 'removed', text })),
      ...midB.map((text): DiffLine => ({ kind: 'added', text })),
      ...tail,
    ];
  }
  const n = midA.length;
  const m = midB.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i] as Uint32Array;
      row[j] =
        midA[i] === midB[j]
          ? ((lcs[i + 1] as Uint32Array)[j + 1] ?? 0) + 1
          : Math.max((lcs[i + 1] as Uint32Array)[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const mid: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (midA[i] === midB[j]) {
      mid.push({ kind: 'same', text: midA[i++] as string });
      j++;
    } else if (((lcs[i + 1] as Uint32Array)[j] ?? 0) >= ((lcs[i] as Uint32Array)[j + 1] ?? 0)) {
      mid.push({ kind: 'removed', text: midA[i++] as string });
    } else mid.push({ kind: 'added', text: midB[j++] as string });
  }
  while (i < n) mid.push({ kind: 'removed', text: midA[i++] as string });
  while (j < m) mid.push({ kind: 'added', text: midB[j++] as string });
  return [...head, ...mid, ...tail];
}
