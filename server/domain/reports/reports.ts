import type { DrillMetric } from '../../storage/reports-drill.ts';
import type { ReportsStore } from '../../storage/reports-store.ts';
import { type BusinessHours, businessResponse, businessSeconds, hoursKey } from './business-hours.ts';
import {
  conversationFigures,
  countedFigures,
  csatFigures,
  funnelSteps,
  resolutionFigures,
  selfServiceFigures,
} from './figures.ts';
import { agentFigures, dailySeries, heatmap } from './grouped-figures.ts';
import type { ReportRange } from './range.ts';
import { RollUp } from './roll-up.ts';
import { engages, type SessionEvents, sessionRows } from './session-events.ts';
import { ratio, round4 } from './stats.ts';
import { type ReportSettingsStore, reportSettingsStore } from './weekly-email.ts';

/** Live figures are at most this old: a report reads the roll-up again when its last pass is older. */
export const FRESHNESS_MS = 2_000;

/** Who is asking decides what they see (docs/metrics.md, "Who sees what"). */
export type Viewer = { role: 'admin' | 'agent' | 'editor'; agentId: string };

export interface ReportsDeps {
  store: ReportsStore;
  now?: () => number;
  /** The workspace's time zone (business hours), UTC when none is set. */
  timeZone: () => Promise<string>;
  /** The workspace's opening hours, for first response counted in business hours (null: none set). */
  businessHours?: () => Promise<BusinessHours | null>;
  /** Told when recounted business-hours figures could not be stored (they are recounted on the next read). */
  warn?: (err: unknown, message: string) => void;
}

/** The service numbers and the self-service funnel, computed from the roll-up and the event tables. */
export class Reports {
  readonly rollUp: RollUp;
  readonly settings: ReportSettingsStore;

  constructor(private readonly deps: ReportsDeps) {
    this.rollUp = new RollUp(deps.store, deps.now, async () => deps.businessHours?.());
    this.settings = reportSettingsStore(deps.store, () => new Date((deps.now ?? Date.now)()));
  }

  /** Storage, for the weekly email. */
  get store() {
    return this.deps.store;
  }

  nowMs() {
    return (this.deps.now ?? Date.now)();
  }

  timeZone() {
    return this.deps.timeZone();
  }

  private fresh() {
    return this.rollUp.refresh(FRESHNESS_MS);
  }

  async summary(range: ReportRange, viewer: Viewer, opts: { businessHours?: boolean } = {}) {
    await this.fresh();
    const { store } = this.deps;
    const selfService = selfServiceFigures(await store.sessionCounts(range.startIso, range.endIso));
    if (viewer.role === 'editor') return { range: rangeOut(range), selfService };
    const { startIso: a, endIso: b } = range;
    const [counts, frt, queue, closed, closeTimes, rated, business] = await Promise.all([
      store.startedCounts(a, b),
      store.secondsCounted('first_response_s', 'created_at', a, b),
      store.secondsCounted('queue_wait_s', 'created_at', a, b),
      store.closedCounts(a, b),
      store.secondsCounted('close_s', 'first_closed_at', a, b),
      store.ratedCounts(a, b),
      opts.businessHours ? this.businessFirstResponse(range) : undefined,
    ]);
    return {
      range: rangeOut(range),
      conversations: conversationFigures(counts),
      firstResponse: {
        ...countedFigures(frt),
        ...(business === undefined ? {} : { businessHours: business }),
      },
      queueWait: countedFigures(queue),
      resolution: resolutionFigures(closed, closeTimes),
      csat: csatFigures(rated, closed.closed),
      selfService,
    };
  }

  /**
   * First response counted within the opening hours only (null when the workspace has none set), from the
   * figures the roll-up stored under today's hours. Rows counted under other hours (the hours changed) are
   * counted here instead, and stored for the next read.
   */
  private async businessFirstResponse(range: ReportRange) {
    const hours = await this.deps.businessHours?.();
    if (!hours) return null;
    const key = hoursKey(hours);
    const { business } = this.deps.store;
    const stored = await business.counted(key, range.startIso, range.endIso);
    if (stored.stale === 0) return countedFigures(stored.counts);
    const counts = new Map(stored.counts);
    const within = businessSeconds(hours);
    const recounted = (await business.stale(key, range.startIso, range.endIso)).map((r) => {
      const s = businessResponse(within, r.at, r.seconds);
      counts.set(s, (counts.get(s) ?? 0) + 1);
      return { ...r, business: s };
    });
    this.storeRecounted(key, recounted);
    return countedFigures([...counts].sort((x, y) => x[0] - y[0]));
  }

  private storing: Promise<void> | undefined;

  /** Stores recounted figures after the answer (one write at a time; a failed one is recounted next read). */
  private storeRecounted(key: string, rows: Parameters<ReportsStore['business']['store']>[1]) {
    if (this.storing || !rows.length) return;
    this.storing = this.deps.store.business
      .store(key, rows)
      .catch((err) => this.deps.warn?.(err, 'reports: could not store recounted business-hours figures'))
      .finally(() => {
        this.storing = undefined;
      });
  }

  /** Resolves when recounted business-hours figures have been stored (tests, shutdown). */
  async settled() {
    await this.storing;
  }

  async series(range: ReportRange) {
    await this.fresh();
    return { range: rangeOut(range), days: await dailySeries(this.deps.store.grouped, range) };
  }

  async heatmap(range: ReportRange) {
    await this.fresh();
    return { range: rangeOut(range), weekdays: await heatmap(this.deps.store.grouped, range) };
  }

  async agents(range: ReportRange, viewer: Viewer) {
    await this.fresh();
    const rows = await agentFigures(this.deps.store.grouped, range, await this.deps.store.agentNames());
    return {
      range: rangeOut(range),
      agents: viewer.role === 'admin' ? rows : rows.filter((r) => r.agentId === viewer.agentId),
    };
  }

  async csat(range: ReportRange, viewer: Viewer) {
    await this.fresh();
    const { store } = this.deps;
    const { startIso: a, endIso: b } = range;
    const [rated, closed, byRating, comments] = await Promise.all([
      store.ratedCounts(a, b),
      store.closedCounts(a, b),
      store.grouped.counts({ kind: 'column', column: 'rating' }, 'rated_at', [], a, b),
      store.grouped.comments(a, b, 100, viewer.role === 'admin' ? undefined : viewer.agentId),
    ]);
    return {
      range: rangeOut(range),
      ...csatFigures(rated, closed.closed),
      distribution: [1, 2, 3, 4, 5].map((rating) => ({
        rating,
        count: byRating.get(String(rating))?.count ?? 0,
      })),
      comments,
    };
  }

  /** The conversations behind a count of the summary (same facts, anchor and conditions), a page at a time. */
  async conversations(
    range: ReportRange,
    q: { metric: DrillMetric; agentId?: string; page: number; limit: number },
  ) {
    await this.fresh();
    const { total, ids } = await this.deps.store.drill({
      metric: q.metric,
      startIso: range.startIso,
      endIso: range.endIso,
      agentId: q.agentId,
      offset: (q.page - 1) * q.limit,
      limit: q.limit,
    });
    return { range: rangeOut(range), metric: q.metric, total, page: q.page, limit: q.limit, ids };
  }

  async funnel(range: ReportRange) {
    await this.fresh();
    const sessions = await this.deps.store.sessionCounts(range.startIso, range.endIso);
    return {
      range: rangeOut(range),
      steps: funnelSteps(sessions),
      deflectionRate: selfServiceFigures(sessions).deflectionRate,
    };
  }

  async articles(range: ReportRange) {
    const a = await this.deps.store.articles(range.startIso, range.endIso);
    // Indexed by slug once: a period may hold thousands of (article, search) pairs.
    const views = new Map(a.views.map((v) => [v.slug, v.views]));
    const votes = new Map(a.votes.map((v) => [v.slug, v]));
    const escalations = new Map(a.escalations.map((e) => [e.slug, e.sessions]));
    const searches = new Map<string, Array<{ query: string; count: number }>>();
    for (const { slug, query, count } of a.searches) {
      const list = searches.get(slug) ?? [];
      list.push({ query, count });
      searches.set(slug, list);
    }
    const rows = [...new Set([...views.keys(), ...votes.keys()])].map((slug) => {
      const v = votes.get(slug);
      return {
        slug,
        views: views.get(slug) ?? 0,
        votes: v?.votes ?? 0,
        helpfulShare: round4(ratio(v?.helpful ?? 0, v?.votes ?? 0)),
        escalations: escalations.get(slug) ?? 0,
        searches: (searches.get(slug) ?? [])
          .sort((x, y) => y.count - x.count || x.query.localeCompare(y.query))
          .slice(0, 5),
      };
    });
    rows.sort((x, y) => y.views - x.views || x.slug.localeCompare(y.slug));
    return { range: rangeOut(range), articles: rows };
  }

  async topSearches(range: ReportRange, limit = 20) {
    const rows = await this.deps.store.topSearches(range.startIso, range.endIso, limit);
    return {
      range: rangeOut(range),
      withResults: rows.filter((r) => r.results > 0).slice(0, limit),
      withoutResults: rows
        .filter((r) => r.results === 0)
        .slice(0, limit)
        .map(({ query, count }) => ({ query, count })),
    };
  }

  async now() {
    const n = await this.deps.store.now();
    const at = this.nowMs();
    return {
      waiting: n.waiting,
      longestWaitSeconds: n.oldestWaitingSince
        ? Math.max(0, Math.round((at - Date.parse(n.oldestWaitingSince)) / 1000))
        : null,
      agentsOnline: n.agentsOnline,
      inProgress: n.inProgress,
    };
  }

  /** Stores a batch of an engaged session; a batch of a session never seen engaging is dropped (false). */
  async recordSession(batch: SessionEvents): Promise<boolean> {
    const { store } = this.deps;
    if (!engages(batch) && !(await store.hasSession(batch.session))) return false;
    await store.addSessionEvents(sessionRows(batch, new Date(this.nowMs()).toISOString()));
    return true;
  }

  markOffline(conversationId: string, createdAt: string) {
    return this.deps.store.markOffline(conversationId, createdAt);
  }
}

function rangeOut(r: ReportRange) {
  return { from: r.from, to: r.to, timeZone: r.timeZone, start: r.startIso, end: r.endIso };
}
