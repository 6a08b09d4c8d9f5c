/**
 * `npm run bench:search`: search quality on the Zulip help-centre corpus (recall@1/@3, MRR@5,
 * no-answer empty rate, per query kind) and speed at scale (5,000 derived articles: build time,
 * memory, query latency for 1-8 word queries with typos). It measures and prints; it never fails
 * on a number. Budgets: p95 <= 10 ms and build <= 5 s at 5,000 articles.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbedder } from '../../server/domain/knowledge-base/embedder/create-embedder.ts';
import { embedderSettingsFromEnv } from '../../server/domain/knowledge-base/embedder/embedder.ts';
import { HybridSearch } from '../../server/domain/knowledge-base/embedder/hybrid-search.ts';
import {
  evaluateByKind,
  type LabelledQuery,
  type QualityFigures,
} from '../../server/domain/knowledge-base/evaluate-search.ts';
import { searchEngine } from '../../server/domain/knowledge-base/lexicon/expand.ts';
import { loadKnowledgeBase } from '../../server/domain/knowledge-base/load-knowledge-base.ts';
import { parseArticle } from '../../server/domain/knowledge-base/parse-article.ts';
import { SearchIndex } from '../../server/domain/knowledge-base/search-index.ts';
import { buildSnapshot } from '../../server/domain/knowledge-base/snapshot.ts';
import { createSynonymTable } from '../../server/domain/knowledge-base/synonyms.ts';
import { ENGLISH_SYNONYMS } from '../../server/domain/knowledge-base/synonyms-en.ts';
import { tokenize } from '../../server/domain/knowledge-base/text.ts';
import type { KnowledgeBase, SearchHit } from '../../server/domain/knowledge-base/types.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import { openDatabase } from '../../server/storage/connect.ts';
import { createLearningStore } from '../../server/storage/learning-store.ts';
import { rng, writeScaledCorpus } from './support/scaled-corpus.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const SCALE = Number(process.env.BENCH_ARTICLES ?? 5000);
const out = (line = '') => process.stdout.write(`${line}\n`);
const ms = (n: number) => `${n.toFixed(2)} ms`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface Variant {
  name: string;
  synonyms: boolean;
  lexicon: boolean;
  embedder?: boolean;
}

/** Engine variants, each adding one part: what each part is worth on every query set. */
const VARIANTS: Variant[] = [
  { name: 'lexical only (BM25, stems, typos)', synonyms: false, lexicon: false },
  { name: '+ language resource (WordNet)', synonyms: false, lexicon: true },
  { name: 'shipped synonyms without WordNet', synonyms: true, lexicon: false },
  { name: '+ shipped synonyms (default)', synonyms: true, lexicon: true },
  // Only when an embedder is configured: PARLEY_EMBEDDER_URL (and PARLEY_EMBEDDER_MODEL) or PARLEY_EMBEDDER_ONNX_DIR.
  ...(embedderSettingsFromEnv(process.env)
    ? [{ name: '+ embedder (RRF with BM25)', synonyms: true, lexicon: true, embedder: true }]
    : []),
];

/** The fused engine's answers for every query (an embedder answers asynchronously). */
async function embedderAnswers(
  kb: KnowledgeBase,
  queries: LabelledQuery[],
): Promise<Map<string, SearchHit[]>> {
  const settings = embedderSettingsFromEnv(process.env);
  const embedder = settings && createEmbedder(settings);
  if (!embedder) throw new Error('embedder settings incomplete');
  const database = await openDatabase({ kind: 'sqlite', file: ':memory:' });
  const hybrid = new HybridSearch({
    kb,
    embedder,
    cache: createLearningStore(database.db),
    logger: silentLogger(),
  });
  await hybrid.index();
  const out = new Map<string, SearchHit[]>();
  for (const q of queries) out.set(q.q, await hybrid.search(q.q, 5));
  await database.close();
  return out;
}

const QUERY_SETS = [
  { name: 'public Zulip queries', dir: 'zulip-help', file: 'zulip-queries.json', key: 'queries' },
  {
    name: 'starter KB queries (ours, written before tuning)',
    dir: null,
    file: 'starter-queries.json',
    key: 'queries',
  },
  { name: 'development queries: zulip', dir: 'zulip-help', file: 'dev-queries.json', key: 'zulip' },
] as const;

async function quality(): Promise<void> {
  for (const variant of VARIANTS) {
    searchEngine.lexicon = variant.lexicon;
    out(`=== Variant: ${variant.name}`);
    for (const set of QUERY_SETS) {
      const dir = set.dir ? join(FIXTURES, set.dir) : join(import.meta.dirname, '../../knowledge-base');
      const kb = await loadKnowledgeBase({ dir, logger: silentLogger(), synonyms: variant.synonyms });
      const queries = (
        JSON.parse(await readFile(join(FIXTURES, set.file), 'utf8')) as Record<string, LabelledQuery[]>
      )[set.key] as LabelledQuery[];
      for (const q of queries) kb.search(q.q, 5); // warm up the JIT before timing
      const fused = variant.embedder ? await embedderAnswers(kb, queries) : undefined;
      const times: number[] = [];
      const figures = evaluateByKind(queries, (q) => {
        const t = performance.now();
        const hits = fused?.get(q) ?? kb.search(q, 5);
        times.push(performance.now() - t);
        return { slugs: hits.map((h) => h.slug), answered: hits.some((h) => !h.related) };
      });
      times.sort((a, b) => a - b);
      const articles = kb.categories().reduce((n, c) => n + c.articles.length, 0);
      out(
        `${set.name}: ${queries.length} queries over ${articles} articles; latency p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}`,
      );
      printFigures(
        set.key === 'queries' && set.dir ? figures : new Map([['all', figures.get('all') as QualityFigures]]),
      );
      await kb.close();
    }
    out();
  }
  searchEngine.lexicon = true;
}

function printFigures(figures: Map<string, QualityFigures>): void {
  out('kind        queries  recall@1  recall@3  MRR@5  no-answer rate (no hit is an answer)');
  for (const [kind, f] of figures) {
    const answer = f.answerable > 0;
    out(
      `${kind.padEnd(11)} ${String(f.queries).padStart(7)}  ${answer ? f.recallAt1.toFixed(2).padStart(8) : '       -'}  ${
        answer ? f.recallAt3.toFixed(2).padStart(8) : '       -'
      }  ${answer ? f.mrrAt5.toFixed(2).padStart(5) : '    -'}  ${f.noAnswer > 0 ? f.emptyRate.toFixed(2) : '-'}`,
    );
  }
}

function makeQueries(vocabulary: string[], n: number): string[] {
  const random = rng(7);
  const typo = (w: string) => {
    if (w.length < 5 || random() > 0.3) return w;
    const i = 1 + Math.floor(random() * (w.length - 2));
    return random() < 0.5
      ? w.slice(0, i) + (w[i + 1] ?? '') + (w[i] ?? '') + w.slice(i + 2)
      : w.slice(0, i) + w.slice(i + 1);
  };
  return Array.from({ length: n }, () => {
    const len = 1 + Math.floor(random() * 8);
    return Array.from({ length: len }, () =>
      typo(vocabulary[Math.floor(random() * vocabulary.length)] as string),
    ).join(' ');
  });
}

async function scale(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-bench-'));
  try {
    await writeScaledCorpus(dir, SCALE);
    globalThis.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const rss0 = process.memoryUsage().rss;
    let t = performance.now();
    const kb = await loadKnowledgeBase({ dir, logger: silentLogger() });
    const loadMs = performance.now() - t;
    globalThis.gc?.();
    const heap1 = process.memoryUsage().heapUsed;
    const rss1 = process.memoryUsage().rss;

    // Index build alone (what a live reload costs beyond reading and rendering the files).
    const files = (await readdir(dir)).sort();
    const parsed = await Promise.all(
      files.map(
        async (f) => parseArticle({ relPath: f, text: await readFile(join(dir, f), 'utf8') }).article,
      ),
    );
    const articles = parsed.filter((a) => a !== undefined);
    t = performance.now();
    new SearchIndex(articles, createSynonymTable(ENGLISH_SYNONYMS));
    const indexMs = performance.now() - t;

    // A live reload after one edit: unchanged files come from the parse cache.
    const parseCache = new Map();
    await buildSnapshot(dir, { parseCache });
    await writeFile(
      join(dir, files[0] as string),
      `${await readFile(join(dir, files[0] as string), 'utf8')}\nEdited.\n`,
    );
    // The server keeps answering while it rebuilds: the longest the event loop is held is what a
    // chat message arriving during a `git pull` may wait.
    let longestBlock = 0;
    let lastTick = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestBlock = Math.max(longestBlock, now - lastTick - 1);
      lastTick = now;
    }, 1);
    t = performance.now();
    lastTick = t;
    await buildSnapshot(dir, { parseCache });
    const rebuildMs = performance.now() - t;
    clearInterval(ticker);

    const vocabulary = tokenize(
      articles
        .slice(0, 300)
        .map((a) => `${a.title} ${a.sections.map((s) => s.text).join(' ')}`)
        .join(' '),
    ).filter((w) => w.length > 2);
    const queries = makeQueries(vocabulary, 2000);
    for (const q of queries.slice(0, 200)) kb.search(q, 5); // warm up the JIT
    const times: number[] = [];
    const cpu: number[] = [];
    let empty = 0;
    for (const q of queries) {
      const s = performance.now();
      const c = process.cpuUsage();
      if (kb.search(q, 5).length === 0) empty++;
      const used = process.cpuUsage(c);
      times.push(performance.now() - s);
      cpu.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    out();
    out(
      `Search speed: ${articles.length} derived articles (${SCALE} files), ${queries.length} queries of 1-8 words, ~30% of longer words with a typo`,
    );
    out(
      `full load (read + parse + render + index): ${ms(loadMs)}   index build alone: ${ms(indexMs)}   (budget 5000 ms)`,
    );
    out(
      `live rebuild after editing one file (parse cache warm): ${ms(rebuildMs)}, longest event-loop block ${ms(longestBlock)}`,
    );
    out(
      `memory after load: heap +${mb(heap1 - heap0)}, RSS +${mb(rss1 - rss0)}${globalThis.gc ? '' : ' (run with --expose-gc for exact heap figures)'}`,
    );
    out(
      `query latency: p50 ${ms(percentile(times, 50))}, p95 ${ms(percentile(times, 95))}, p99 ${ms(percentile(times, 99))}, max ${ms(times.at(-1) ?? 0)}   (budget p95 10 ms)`,
    );
    // CPU time of the query alone: what the wall clock shows when no other process shares the cores.
    out(
      `query CPU time: p50 ${ms(percentile(cpu, 50))}, p95 ${ms(percentile(cpu, 95))}, p99 ${ms(percentile(cpu, 99))} (load average ${loadavg()[0]?.toFixed(1)})`,
    );
    out(`queries with no result: ${empty}/${queries.length}`);
    await kb.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// BENCH_PART=quality or BENCH_PART=scale runs one half.
const part = process.env.BENCH_PART;
if (part !== 'scale') await quality();
if (part !== 'quality') await scale();
