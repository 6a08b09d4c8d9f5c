import { createHash } from 'node:crypto';
import type { Logger } from '../../../lib/logger.ts';
import type { LearningStore } from '../../../storage/learning-store.ts';
import type { KnowledgeBase, SearchHit } from '../types.ts';
import { type Embedder, normalise } from './embedder.ts';

/** Reciprocal rank fusion constant (the usual 60: ranks past the first few count for little). */
const RRF_K = 60;
/** Candidates taken from each side before fusing. */
const DEPTH = 20;
/** Nearest sections below this cosine similarity are not offered at all. */
const MIN_SIMILARITY = 0.3;
/** A failing embedder is logged at most this often. */
const LOG_EVERY_MS = 60_000;

interface SectionVector {
  slug: string;
  sectionId: string;
  heading: string | null;
  vector: Float32Array;
}

/**
 * BM25 fused with an embedder by reciprocal rank fusion. Section vectors are computed when the
 * knowledge base changes, cached in the database by model and content hash (an unchanged section is
 * never embedded twice, across restarts and nodes). Until they are ready, and whenever the embedder
 * fails, search is lexical, with a log line; the visitor never sees an error.
 */
export class HybridSearch {
  private sections: SectionVector[] = [];
  private indexedVersion: string | undefined;
  private indexing: Promise<void> | undefined;
  private lastLog = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly deps: {
      kb: KnowledgeBase;
      embedder: Embedder;
      cache: Pick<LearningStore, 'getEmbeddings' | 'putEmbeddings'>;
      logger: Logger;
      now?: () => number;
    },
  ) {}

  /** Embeds the current knowledge base's sections (resolves when done; failures are logged, not thrown). */
  index(): Promise<void> {
    const version = this.deps.kb.version;
    if (this.indexedVersion === version) return Promise.resolve();
    this.indexing ??= this.build(version).finally(() => {
      this.indexing = undefined;
    });
    return this.indexing;
  }

  get ready(): boolean {
    return this.indexedVersion !== undefined;
  }

  async search(query: string, limit: number): Promise<SearchHit[]> {
    const lexical = this.deps.kb.search(query, Math.max(limit, DEPTH));
    void this.index();
    if (this.sections.length === 0) return lexical.slice(0, limit);
    let q: Float32Array;
    try {
      q = normalise((await this.deps.embedder.embed([query]))[0] ?? []);
    } catch (error) {
      this.fail('query', error);
      return lexical.slice(0, limit);
    }
    const best = new Map<string, { similarity: number; section: SectionVector }>();
    for (const s of this.sections) {
      const sim = dot(q, s.vector);
      if (sim < MIN_SIMILARITY) continue;
      const seen = best.get(s.slug);
      if (!seen || sim > seen.similarity) best.set(s.slug, { similarity: sim, section: s });
    }
    const semantic = [...best.values()].sort((a, b) => b.similarity - a.similarity).slice(0, DEPTH);
    const fused = new Map<string, { hit: SearchHit; score: number }>();
    lexical.forEach((hit, rank) => {
      fused.set(hit.slug, { hit, score: 1 / (RRF_K + rank + 1) });
    });
    semantic.forEach(({ section }, rank) => {
      const entry = fused.get(section.slug) ?? this.semanticHit(section);
      if (!entry) return;
      entry.score += 1 / (RRF_K + rank + 1);
      fused.set(section.slug, entry);
    });
    return [...fused.values()]
      .sort((a, b) => Number(a.hit.related ?? false) - Number(b.hit.related ?? false) || b.score - a.score)
      .slice(0, limit)
      .map(({ hit, score }) => ({ ...hit, score: Math.round(score * 100_000) / 1000 }));
  }

  /** An article only the embedder found: offered as related (its words did not match the query). */
  private semanticHit(section: SectionVector): { hit: SearchHit; score: number } | undefined {
    const a = this.deps.kb.article(section.slug);
    if (!a) return undefined;
    const hit: SearchHit = {
      slug: a.slug,
      title: a.title,
      heading: section.heading,
      snippet: a.description,
      highlights: [],
      url: `/kb/${a.slug}${section.sectionId ? `#${section.sectionId}` : ''}`,
      score: 0,
      category: a.category,
      related: true,
    };
    return { hit, score: 0 };
  }

  private async build(version: string): Promise<void> {
    const { embedder, cache } = this.deps;
    const docs = this.deps.kb.documents?.() ?? [];
    const items = docs.flatMap((d) =>
      d.sections.map((s) => {
        const text = [d.title, s.heading ?? '', s.text].join('\n').slice(0, 4000);
        return { slug: d.slug, sectionId: s.id, heading: s.heading, text, hash: sha(text) };
      }),
    );
    try {
      const hashes = [...new Set(items.map((i) => i.hash))];
      const cached = await cache.getEmbeddings(embedder.id, hashes);
      const missing = items.filter(
        (i, k) => !cached.has(i.hash) && items.findIndex((j) => j.hash === i.hash) === k,
      );
      if (missing.length > 0) {
        const vectors = await embedder.embed(missing.map((m) => m.text));
        const fresh = new Map(missing.map((m, k) => [m.hash, vectors[k] as number[]]));
        await cache.putEmbeddings(embedder.id, fresh, new Date(this.now()).toISOString());
        for (const [h, v] of fresh) cached.set(h, v);
      }
      this.sections = items.map((i) => ({
        slug: i.slug,
        sectionId: i.sectionId,
        heading: i.heading,
        vector: normalise(cached.get(i.hash) ?? []),
      }));
      this.indexedVersion = version;
      this.deps.logger.info(
        { sections: items.length, embedded: missing.length, model: embedder.id },
        'semantic index ready',
      );
    } catch (error) {
      this.fail('sections', error);
    }
  }

  private fail(what: string, error: unknown): void {
    const now = this.now();
    if (now - this.lastLog < LOG_EVERY_MS) return;
    this.lastLog = now;
    this.deps.logger.warn(
      { err: error instanceof Error ? error.message : String(error), model: this.deps.embedder.id },
      `embedder failed (${what}); search is lexical only until it answers again`,
    );
  }

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
