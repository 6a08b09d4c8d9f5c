/** Search-quality metrics over a labelled query set (used by the benchmark and the quality test). */

export interface LabelledQuery {
  q: string;
  relevant: string[];
  kind: string;
}

export interface QualityFigures {
  queries: number;
  answerable: number;
  recallAt1: number;
  recallAt3: number;
  mrrAt5: number;
  /** Share of no-answer queries (relevant: []) that returned nothing. */
  emptyRate: number;
  noAnswer: number;
}

/** A hit "recalls" when any relevant slug is in the top k (the sets list acceptable answers). */
export function evaluateSearch(queries: LabelledQuery[], search: (q: string) => string[]): QualityFigures {
  let answerable = 0;
  let r1 = 0;
  let r3 = 0;
  let mrr = 0;
  let noAnswer = 0;
  let empty = 0;
  for (const query of queries) {
    const slugs = search(query.q);
    if (query.relevant.length === 0) {
      noAnswer++;
      if (slugs.length === 0) empty++;
      continue;
    }
    answerable++;
    const rank = slugs.slice(0, 5).findIndex((s) => query.relevant.includes(s));
    if (rank === 0) r1++;
    if (rank >= 0 && rank < 3) r3++;
    if (rank >= 0) mrr += 1 / (rank + 1);
  }
  const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
  return {
    queries: queries.length,
    answerable,
    recallAt1: ratio(r1, answerable),
    recallAt3: ratio(r3, answerable),
    mrrAt5: ratio(mrr, answerable),
    emptyRate: ratio(empty, noAnswer),
    noAnswer,
  };
}

/** Figures overall and per `kind`. */
export function evaluateByKind(
  queries: LabelledQuery[],
  search: (q: string) => string[],
): Map<string, QualityFigures> {
  const out = new Map<string, QualityFigures>([['all', evaluateSearch(queries, search)]]);
  const kinds = [...new Set(queries.map((q) => q.kind))].sort();
  for (const kind of kinds)
    out.set(
      kind,
      evaluateSearch(
        queries.filter((q) => q.kind === kind),
        search,
      ),
    );
  return out;
}
