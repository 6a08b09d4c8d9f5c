import { dayIndex, type ReportRange, rangeDates } from './range.ts';
import { median, percentile, ratio, round4, seconds } from './stats.ts';
import { wallClock } from './time-zone.ts';

/** What the store hands the figures: one row per conversation or session, already limited to the range. */
export interface StartedRow {
  conversation_id: string;
  created_at: string;
  offline: number;
  missed: number;
  agent_id: string | null;
  first_responder_id: string | null;
  first_response_s: number | null;
  queue_wait_s: number | null;
}
export interface ClosedRow {
  conversation_id: string;
  first_closed_at: string;
  close_s: number;
  reopened: number;
  agent_id: string | null;
}
export interface RatedRow {
  conversation_id: string;
  rated_at: string;
  rating: number;
  rating_comment: string | null;
  agent_id: string | null;
}
export interface SessionRow {
  searched: boolean;
  viewed: boolean;
  votedHelpful: boolean;
  asked: boolean;
  chatted: boolean;
  rated: boolean;
  views: number;
  helpfulVotes: number;
}

export function conversationFigures(counts: { started: number; offline: number; missed: number }) {
  return {
    started: counts.started,
    chats: counts.started - counts.offline,
    offline: counts.offline,
    missed: counts.missed,
  };
}

export function timeFigures(values: number[]) {
  return { medianSeconds: seconds(median(values)), p90Seconds: seconds(percentile(values, 90)) };
}

export function resolutionFigures(closed: ClosedRow[]) {
  const reopened = closed.filter((c) => c.reopened).length;
  return {
    closed: closed.length,
    medianSeconds: seconds(median(closed.map((c) => c.close_s))),
    reopened,
    rate: round4(ratio(closed.length - reopened, closed.length)),
  };
}

export function csatFigures(rated: RatedRow[], closedCount: number) {
  const sum = rated.reduce((s, r) => s + r.rating, 0);
  return {
    responses: rated.length,
    average: round4(ratio(sum, rated.length)),
    satisfiedShare: round4(ratio(rated.filter((r) => r.rating >= 4).length, rated.length)),
    responseRate: round4(ratio(rated.length, closedCount)),
  };
}

export function selfServiceFigures(sessions: SessionRow[]) {
  const escalated = sessions.filter((s) => s.asked).length;
  return {
    sessions: sessions.length,
    searched: sessions.filter((s) => s.searched).length,
    articleViews: sessions.reduce((t, s) => t + s.views, 0),
    helpfulVotes: sessions.reduce((t, s) => t + s.helpfulVotes, 0),
    escalated,
    deflectionRate: round4(ratio(sessions.length - escalated, sessions.length)),
  };
}

export function funnelSteps(sessions: SessionRow[]) {
  const count = (f: (s: SessionRow) => boolean) => sessions.filter(f).length;
  return [
    { step: 'engaged', sessions: sessions.length },
    { step: 'searched', sessions: count((s) => s.searched) },
    { step: 'openedArticle', sessions: count((s) => s.viewed) },
    { step: 'votedHelpful', sessions: count((s) => s.votedHelpful) },
    { step: 'askedForPerson', sessions: count((s) => s.asked) },
    { step: 'chatted', sessions: count((s) => s.chatted) },
    { step: 'rated', sessions: count((s) => s.rated) },
  ];
}

/** Per local day: volume, first response, resolution and CSAT. */
export function dailySeries(
  range: ReportRange,
  started: StartedRow[],
  closed: ClosedRow[],
  rated: RatedRow[],
) {
  const days = rangeDates(range).map((date) => ({
    date,
    started: 0,
    chats: 0,
    offline: 0,
    missed: 0,
    frt: [] as number[],
    closed: 0,
    reopened: 0,
    close: [] as number[],
    ratings: [] as number[],
  }));
  const at = (iso: string) => days[dayIndex(range, Date.parse(iso))];
  for (const r of started) {
    const d = at(r.created_at);
    if (!d) continue;
    d.started += 1;
    if (r.offline) d.offline += 1;
    else d.chats += 1;
    d.missed += r.missed;
    if (r.first_response_s !== null) d.frt.push(r.first_response_s);
  }
  for (const r of closed) {
    const d = at(r.first_closed_at);
    if (!d) continue;
    d.closed += 1;
    d.reopened += r.reopened;
    d.close.push(r.close_s);
  }
  for (const r of rated) at(r.rated_at)?.ratings.push(r.rating);
  return days.map((d) => ({
    date: d.date,
    started: d.started,
    chats: d.chats,
    offline: d.offline,
    missed: d.missed,
    firstResponseMedianSeconds: seconds(median(d.frt)),
    firstResponseP90Seconds: seconds(percentile(d.frt, 90)),
    closed: d.closed,
    reopened: d.reopened,
    resolutionMedianSeconds: seconds(median(d.close)),
    csatResponses: d.ratings.length,
    csatAverage: round4(
      ratio(
        d.ratings.reduce((s, v) => s + v, 0),
        d.ratings.length,
      ),
    ),
  }));
}

/** Conversations started, by local weekday (0 = Sunday) and hour: 7 rows of 24. */
export function heatmap(range: ReportRange, started: StartedRow[]): number[][] {
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  const clock = wallClock(range.timeZone);
  for (const r of started) {
    const { weekday, hour } = clock(Date.parse(r.created_at));
    const row = grid[weekday];
    if (row) row[hour] = (row[hour] ?? 0) + 1;
  }
  return grid;
}

/** Per agent: conversations handled, median first response (their own first replies), resolution, CSAT. */
export function agentFigures(
  names: Array<{ id: string; name: string }>,
  started: StartedRow[],
  closed: ClosedRow[],
  rated: RatedRow[],
) {
  const by = new Map<string, { handled: number; frt: number[]; close: number[]; ratings: number[] }>();
  const get = (id: string) => {
    let a = by.get(id);
    if (!a) {
      a = { handled: 0, frt: [], close: [], ratings: [] };
      by.set(id, a);
    }
    return a;
  };
  for (const r of started) {
    if (r.agent_id) get(r.agent_id).handled += 1;
    if (r.first_responder_id && r.first_response_s !== null)
      get(r.first_responder_id).frt.push(r.first_response_s);
  }
  for (const r of closed) if (r.agent_id) get(r.agent_id).close.push(r.close_s);
  for (const r of rated) if (r.agent_id) get(r.agent_id).ratings.push(r.rating);
  const nameOf = new Map(names.map((a) => [a.id, a.name]));
  return [...by.entries()]
    .map(([id, a]) => ({
      agentId: id,
      name: nameOf.get(id) ?? 'Former agent',
      handled: a.handled,
      firstResponseMedianSeconds: seconds(median(a.frt)),
      resolutionMedianSeconds: seconds(median(a.close)),
      csatResponses: a.ratings.length,
      csatAverage: round4(
        ratio(
          a.ratings.reduce((s, v) => s + v, 0),
          a.ratings.length,
        ),
      ),
    }))
    .sort((x, y) => y.handled - x.handled || x.name.localeCompare(y.name));
}
