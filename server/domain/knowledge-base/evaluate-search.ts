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

/** What a search returned: slugs best first, and whether any of them is an answer (not just related). */
export type SearchOutcome = string[] | { slugs: string[]; answered: boolean };

/**
 * A hit "recalls" when any relevant slug is in the top k (the sets list acceptable answers). A
 * no-answer query counts as answered empty when no hit is an answer (related matches may follow).
 */
export function evaluateSearch(
  queries: LabelledQuery[],
  search: (q: string) => SearchOutcome,
): QualityFigures {
  let answerable = 0;
  let r1 = 0;
  let r3 = 0;
  let mrr = 0;
  let noAnswer = 0;
  let empty = 0;
  for (const query of queries) {
    const outcome = search(query.q);
    const slugs = Array.isArray(outcome) ? outcome : outcome.slugs;
    const answered = Array.isArray(outcome) ? outcome.length > 0 : outcome.answered;
    if (query.relevant.length === 0) {
      noAnswer++;
      if (!answered) empty++;
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
  search: (q: string) => SearchOutcome,
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
