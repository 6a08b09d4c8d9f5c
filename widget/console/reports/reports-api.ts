import { ApiError } from '../api.ts';

/** The figures of `/api/reports/*` (docs/metrics.md defines each). Null: nothing to measure. */
export interface Summary {
  range: { from: string; to: string; timeZone: string };
  conversations?: { started: number; chats: number; offline: number; missed: number };
  firstResponse?: {
    medianSeconds: number | null;
    p90Seconds: number | null;
    /** With `hours=business`: counted within the opening hours; null when the workspace has none. */
    businessHours?: { medianSeconds: number | null; p90Seconds: number | null } | null;
  };
  queueWait?: { medianSeconds: number | null; p90Seconds: number | null };
  resolution?: { closed: number; medianSeconds: number | null; reopened: number; rate: number | null };
  csat?: {
    responses: number;
    average: number | null;
    satisfiedShare: number | null;
    responseRate: number | null;
  };
  selfService: {
    sessions: number;
    searched: number;
    articleViews: number;
    helpfulVotes: number;
    escalated: number;
    deflectionRate: number | null;
  };
}
export interface Day {
  date: string;
  started: number;
  chats: number;
  offline: number;
  missed: number;
  firstResponseMedianSeconds: number | null;
  firstResponseP90Seconds: number | null;
  closed: number;
  reopened: number;
  resolutionMedianSeconds: number | null;
  csatResponses: number;
  csatAverage: number | null;
}
export interface AgentRow {
  agentId: string;
  name: string;
  handled: number;
  firstResponseMedianSeconds: number | null;
  resolutionMedianSeconds: number | null;
  csatResponses: number;
  csatAverage: number | null;
}
export interface Now {
  waiting: number;
  longestWaitSeconds: number | null;
  agentsOnline: number;
  inProgress: number;
}
export interface Funnel {
  steps: Array<{ step: string; sessions: number }>;
  deflectionRate: number | null;
}
export interface Comments {
  comments: Array<{ conversationId: string; rating: number; comment: string; ratedAt: string }>;
}
export interface Articles {
  articles: Array<{
    slug: string;
    views: number;
    votes: number;
    helpfulShare: number | null;
    escalations: number;
    searches: Array<{ query: string; count: number }>;
  }>;
}
export interface TopSearches {
  withResults: Array<{ query: string; count: number; results: number }>;
  withoutResults: Array<{ query: string; count: number }>;
}

export interface Period {
  from: string;
  to: string;
  tz: string;
}

/** The Reports screen's calls; tests pass a fake. */
export interface ReportsApi {
  meta(): Promise<{ timeZone: string }>;
  summary(p: Period, opts?: { businessHours?: boolean }): Promise<Summary>;
  series(p: Period): Promise<{ days: Day[] }>;
  heatmap(p: Period): Promise<{ weekdays: number[][] }>;
  agents(p: Period): Promise<{ agents: AgentRow[] }>;
  csat(p: Period): Promise<Comments>;
  funnel(p: Period): Promise<Funnel>;
  articles(p: Period): Promise<Articles>;
  topSearches(p: Period): Promise<TopSearches>;
  now(): Promise<Now>;
  /** Admins: whether every admin gets the weekly summary email. */
  settings(): Promise<{ weeklyEmail: boolean }>;
  saveSettings(s: { weeklyEmail: boolean }): Promise<{ weeklyEmail: boolean }>;
}

export function httpReportsApi(base = ''): ReportsApi {
  const get = async <T>(path: string, p?: Period, put?: unknown): Promise<T> => {
    const sep = path.includes('?') ? '&' : '?';
    const q = p ? `${sep}from=${p.from}&to=${p.to}&tz=${encodeURIComponent(p.tz)}` : '';
    const res = await fetch(`${base}/api/reports/${path}${q}`, {
      credentials: 'same-origin',
      ...(put === undefined
        ? {}
        : { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(put) }),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } };
    if (!res.ok)
      throw new ApiError(
        res.status,
        body.error?.code ?? 'internal',
        body.error?.message ?? `HTTP ${res.status}`,
      );
    return body as T;
  };
  return {
    meta: () => get('meta'),
    summary: (p, opts) => get(opts?.businessHours ? 'summary?hours=business' : 'summary', p),
    series: (p) => get('series', p),
    heatmap: (p) => get('heatmap', p),
    agents: (p) => get('agents', p),
    csat: (p) => get('csat', p),
    funnel: (p) => get('funnel', p),
    articles: (p) => get('articles', p),
    topSearches: (p) => get('top-searches', p),
    now: () => get('now'),
    settings: () => get('settings'),
    saveSettings: (s) => get('settings', undefined, s),
  };
}
