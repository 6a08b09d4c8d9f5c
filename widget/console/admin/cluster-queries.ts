import { stem } from '../../../server/domain/knowledge-base/stemmer.ts';
import { isStopWord, tokenize } from '../../../server/domain/knowledge-base/text.ts';

export interface QueryCount {
  query: string;
  count: number;
}

export interface QueryCluster {
  /** The cluster's most searched query, as visitors typed it (what the missing article is about). */
  topic: string;
  total: number;
  queries: QueryCount[];
}

/**
 * Groups unanswered searches that ask for the same thing ("gift wrap", "do you gift wrap orders",
 * "gift wrapping") so editors write the article that is missing most: two queries join when they
 * share at least half of the smaller one's content words (stemmed). Biggest clusters first.
 */
export function clusterQueries(queries: QueryCount[]): QueryCluster[] {
  const words = (q: string) =>
    new Set(
      tokenize(q)
        .filter((w) => !isStopWord(w))
        .map(stem),
    );
  const clusters: Array<{ queries: QueryCount[]; sets: Set<string>[] }> = [];
  for (const q of [...queries].sort((a, b) => b.count - a.count)) {
    const own = words(q.query);
    if (own.size === 0) continue;
    const home = clusters.find((c) =>
      c.sets.some((s) => {
        const shared = [...own].filter((w) => s.has(w)).length;
        return shared > 0 && shared >= Math.min(own.size, s.size) / 2;
      }),
    );
    const cluster = home ?? { queries: [], sets: [] };
    if (!home) clusters.push(cluster);
    cluster.queries.push(q);
    cluster.sets.push(own);
  }
  return clusters
    .map((c) => ({
      topic: c.queries[0]?.query ?? '',
      total: c.queries.reduce((n, q) => n + q.count, 0),
      queries: c.queries,
    }))
    .sort((a, b) => b.total - a.total || b.queries.length - a.queries.length);
}
