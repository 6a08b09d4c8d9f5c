import { createHash } from 'node:crypto';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { LearnedEntryDTO } from '../../protocol/dto.ts';
import type { LearnedPair, LearningStore } from '../../storage/learning-store.ts';
import { queryKey } from '../knowledge-base/query-key.ts';
import type { KnowledgeBase, SearchHit } from '../knowledge-base/types.ts';

const DAY_MS = 86_400_000;

/** How learning is held back from abuse and noise (see docs/editing-the-knowledge-base.md). */
export interface LearningPolicy {
  /** Distinct visitors who must find an article helpful for a query before it is boosted. */
  minVisitors: number;
  /** Visitors counted from one network address for one pair (an office behind one address counts, a script does not). */
  maxVisitorsPerAddress: number;
  /** Signals one visitor may give per day; the rest are ignored. */
  maxSignalsPerVisitorPerDay: number;
  /** A learned boost halves after this many days without new signals. */
  halfLifeDays: number;
  /** Signals older than this are forgotten. */
  windowDays: number;
  /** Largest boost, as a share of the query's top score (1: level with the best match). */
  cap: number;
  /** How often each node re-reads what was learned (learned data lives in the database, shared by nodes). */
  refreshMs: number;
  /**
   * An article opened from a search's results counts as a `read` once its session has gone this long without
   * asking for a person (the session is over, or the visitor carried on by themselves).
   */
  readAfterMs: number;
}

/** The widget's self-service funnel for one session, as `POST /api/reports/sessions` receives it. */
export interface FunnelBatch {
  session: string;
  events: Array<{ kind: string; slug?: string; query?: string; helpful?: boolean; conversationId?: string }>;
}

/** Articles opened per batch that can become reads (the widget batches at most 20 events). */
const MAX_READS_PER_BATCH = 3;
/** Pending reads are turned into signals at most this often per node. */
const SETTLE_EVERY_MS = 60_000;

export const DEFAULT_POLICY: LearningPolicy = {
  minVisitors: 3,
  maxVisitorsPerAddress: 3,
  maxSignalsPerVisitorPerDay: 20,
  halfLifeDays: 30,
  windowDays: 180,
  cap: 1,
  refreshMs: 5_000,
  readAfterMs: 30 * 60_000,
};

/** PARLEY_LEARNING_MIN_VISITORS, PARLEY_LEARNING_MAX_PER_ADDRESS and PARLEY_LEARNING_HALF_LIFE_DAYS, when set. */
export function learningPolicyFromEnv(env: NodeJS.ProcessEnv): Partial<LearningPolicy> {
  const policy: Partial<LearningPolicy> = {};
  const read = (name: string) => {
    const n = Number(env[name]);
    return Number.isFinite(n) && n >= 1 ? n : undefined;
  };
  const min = read('PARLEY_LEARNING_MIN_VISITORS');
  const perAddress = read('PARLEY_LEARNING_MAX_PER_ADDRESS');
  const halfLife = read('PARLEY_LEARNING_HALF_LIFE_DAYS');
  if (min) policy.minVisitors = Math.round(min);
  if (perAddress) policy.maxVisitorsPerAddress = Math.round(perAddress);
  if (halfLife) policy.halfLifeDays = halfLife;
  return policy;
}

/** One learned query and article, as editors see it. */
export type LearnedEntry = LearnedEntryDTO;

/** Raised for a signal the server refuses (the HTTP layer turns it into a clear error). */
export class LearningRefused extends Error {}

/**
 * Learns from what visitors do: when enough distinct visitors searched a query and then found an
 * article helpful, that article is boosted for the query and its close variants (same content words).
 * Nothing is learned from one visitor; boosts are capped, decay, and editors can revert any of them.
 */
export class SearchLearning {
  private readonly policy: LearningPolicy;
  private boosts = new Map<string, Map<string, number>>();
  private entries: LearnedEntry[] = [];
  private loadedAt = -Infinity;
  private settledAt = -Infinity;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      store: LearningStore;
      clock: Clock;
      kb: KnowledgeBase;
      logger: Logger;
      policy?: Partial<LearningPolicy>;
    },
  ) {
    this.policy = { ...DEFAULT_POLICY, ...deps.policy };
  }

  /** Records that `visitor` found `slug` answered `query`. Returns whether it was counted. */
  async record(input: {
    query: string;
    slug: string;
    visitor: string;
    address: string;
    kind: 'helpful' | 'read' | 'agent';
  }): Promise<boolean> {
    const key = queryKey(input.query);
    if (key === '') throw new LearningRefused('query has no words');
    if (this.deps.kb.article(input.slug) === undefined) throw new LearningRefused('no such article');
    const now = this.deps.clock.now();
    const visitor = hash(`visitor:${input.visitor}`);
    const since = new Date(now.getTime() - DAY_MS).toISOString();
    if ((await this.deps.store.countByVisitor(visitor, since)) >= this.policy.maxSignalsPerVisitorPerDay)
      return false;
    await this.deps.store.addSignal({
      queryKey: key,
      queryText: input.query.trim().slice(0, 200),
      slug: input.slug,
      visitor,
      address: hash(`address:${input.address}`),
      kind: input.kind,
      at: now.toISOString(),
    });
    this.loadedAt = -Infinity; // this node sees its own signal at once
    return true;
  }

  /**
   * "Read it and did not escalate": an article the session opened from a search's results becomes a pending
   * read; it counts as a `read` signal (one visitor, like a helpful vote) once `readAfterMs` has passed, unless
   * the session asked for a person or voted on the article (a vote speaks for itself). The same safeguards
   * apply: distinct sessions, the per-address cap, the per-visitor daily limit, decay and reverts.
   */
  async observeSession(batch: FunnelBatch, address: string): Promise<void> {
    const { store, clock, kb } = this.deps;
    const visitor = hash(`visitor:${batch.session}`);
    const at = clock.now().toISOString();
    if (batch.events.some((e) => e.kind === 'ask' || e.kind === 'chat')) {
      await store.markEscalated(visitor, at);
      return;
    }
    let reads = 0;
    for (const e of batch.events) {
      if (e.kind === 'vote' && e.slug) await store.dropPendingRead(visitor, e.slug);
      if (e.kind !== 'view' || !e.slug || !e.query || reads >= MAX_READS_PER_BATCH) continue;
      const key = queryKey(e.query);
      if (key === '' || kb.article(e.slug) === undefined) continue;
      reads++;
      const queryText = e.query.trim().slice(0, 200);
      await store.addPendingRead({
        queryKey: key,
        queryText,
        slug: e.slug,
        visitor,
        address: hash(`address:${address}`),
        at,
      });
    }
  }

  /** Counts the pending reads whose sessions are over (see observeSession); returns how many counted. */
  async settleReads(): Promise<number> {
    const { store, clock, kb } = this.deps;
    const now = clock.now().getTime();
    this.settledAt = now;
    const due = await store.dueReads(new Date(now - this.policy.readAfterMs).toISOString(), 500);
    const since = new Date(now - DAY_MS).toISOString();
    let counted = 0;
    for (const r of due) {
      const keep =
        !r.escalated &&
        kb.article(r.slug) !== undefined &&
        (await store.countByVisitor(r.visitor, since)) < this.policy.maxSignalsPerVisitorPerDay;
      await store.settleRead(r, keep);
      if (keep) counted++;
    }
    await store.forgetEscalations(new Date(now - this.policy.readAfterMs - DAY_MS).toISOString());
    if (counted > 0) this.loadedAt = -Infinity;
    return counted;
  }

  /** Search results with learned boosts applied; `search` is asked for more than `limit` so a boosted article at rank 6+ can rise. */
  async search(
    query: string,
    limit: number,
    search: (q: string, limit: number) => SearchHit[] | Promise<SearchHit[]>,
  ): Promise<SearchHit[]> {
    await this.refresh();
    const learned = this.boosts.get(queryKey(query));
    if (!learned || learned.size === 0) return search(query, limit);
    const hits = await search(query, Math.max(limit, 20));
    const top = hits[0]?.score ?? 1;
    const bySlug = new Map(hits.map((h) => [h.slug, h]));
    for (const [slug, boost] of learned) {
      const hit = bySlug.get(slug) ?? this.hitFor(slug);
      if (!hit) continue;
      bySlug.set(slug, {
        ...hit,
        score: Math.round((hit.score + boost * top) * 1000) / 1000,
        related: false,
      });
    }
    return [...bySlug.values()]
      .sort((a, b) => Number(a.related ?? false) - Number(b.related ?? false) || b.score - a.score)
      .slice(0, limit);
  }

  /** What was learned, for editors: strongest first, pairs still short of the visitor threshold included. */
  async list(): Promise<LearnedEntry[]> {
    this.loadedAt = -Infinity;
    await this.refresh();
    return this.entries;
  }

  async revert(query: string, slug: string, by: string): Promise<void> {
    await this.deps.store.revert(queryKey(query), slug, this.deps.clock.now().toISOString(), by);
    this.loadedAt = -Infinity;
  }

  private hitFor(slug: string): SearchHit | undefined {
    const a = this.deps.kb.article(slug);
    if (!a) return undefined;
    return {
      slug,
      title: a.title,
      heading: null,
      snippet: a.description,
      highlights: [],
      url: `/kb/${slug}`,
      score: 0,
      category: a.category,
    };
  }

  private async refresh(): Promise<void> {
    if (this.deps.clock.now().getTime() - this.loadedAt < this.policy.refreshMs) return;
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    await this.loading;
  }

  private async load(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    try {
      if (now - this.settledAt >= SETTLE_EVERY_MS)
        await this.settleReads().catch((error: unknown) => {
          this.deps.logger.warn({ err: error }, "search learning: could not count visitors' reads");
        });
      const since = new Date(now - this.policy.windowDays * DAY_MS).toISOString();
      const pairs = await this.deps.store.pairs(since);
      const boosts = new Map<string, Map<string, number>>();
      const entries = pairs.map((p) => this.entry(p, now));
      for (const e of entries) {
        if (e.boost <= 0) continue;
        const map = boosts.get(e.queryKey) ?? new Map<string, number>();
        map.set(e.slug, e.boost);
        boosts.set(e.queryKey, map);
      }
      this.boosts = boosts;
      this.entries = entries.sort((a, b) => b.boost - a.boost || b.visitors - a.visitors);
      this.loadedAt = now;
    } catch (error) {
      // Search goes on with what was learned before; the next search tries again.
      this.deps.logger.warn({ err: error }, 'search learning: could not read what was learned');
      this.loadedAt = now;
    }
  }

  private entry(p: LearnedPair, now: number): LearnedEntry {
    const perAddress = new Map<string, number>();
    let visitors = 0;
    for (const v of p.visitors) {
      const n = perAddress.get(v.address) ?? 0;
      if (n >= this.policy.maxVisitorsPerAddress) continue;
      perAddress.set(v.address, n + 1);
      visitors++;
    }
    let boost = 0;
    if (visitors >= this.policy.minVisitors) {
      const ageDays = (now - Date.parse(p.lastAt)) / DAY_MS;
      const decay = 0.5 ** (Math.max(0, ageDays) / this.policy.halfLifeDays);
      // More visitors, more confidence: the threshold gives 80% of the cap, twice it the full cap.
      const confidence = Math.min(
        1,
        0.8 + (0.2 * (visitors - this.policy.minVisitors)) / this.policy.minVisitors,
      );
      boost = Math.round(this.policy.cap * confidence * decay * 1000) / 1000;
    }
    return {
      queryKey: p.queryKey,
      query: p.queryText,
      slug: p.slug,
      title: this.deps.kb.article(p.slug)?.title ?? null,
      visitors,
      firstAt: p.firstAt,
      lastAt: p.lastAt,
      boost,
    };
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}
