import type { SessionCounts } from '../../storage/reports-store.ts';
import { dayIndexIso, type ReportRange, rangeDates } from './range.ts';
import {
  type Counted,
  median,
  medianCounted,
  percentile,
  percentileCounted,
  ratio,
  round4,
  seconds,
  sorted,
} from './stats.ts';

const frt = (values: number[]) => {
  const s = sorted(values);
  return {
    firstResponseMedianSeconds: seconds(median(s)),
    firstResponseP90Seconds: seconds(percentile(s, 90)),
  };
};

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
export function conversationFigures(counts: { started: number; offline: number; missed: number }) {
  return {
    started: counts.started,
    chats: counts.started - counts.offline,
    offline: counts.offline,
    missed: counts.missed,
  };
}

export function countedFigures(counted: Counted) {
  return {
    medianSeconds: seconds(medianCounted(counted)),
    p90Seconds: seconds(percentileCounted(counted, 90)),
  };
}

export function resolutionFigures(c: { closed: number; reopened: number }, times: Counted) {
  return {
    closed: c.closed,
    medianSeconds: seconds(medianCounted(times)),
    reopened: c.reopened,
    rate: round4(ratio(c.closed - c.reopened, c.closed)),
  };
}

export function csatFigures(r: { responses: number; total: number; satisfied: number }, closedCount: number) {
  return {
    responses: r.responses,
    average: round4(ratio(r.total, r.responses)),
    satisfiedShare: round4(ratio(r.satisfied, r.responses)),
    responseRate: round4(ratio(r.responses, closedCount)),
  };
}

/** The counts csatFigures takes, from rows. */
export function ratedCounts(rated: RatedRow[]) {
  return {
    responses: rated.length,
    total: rated.reduce((s, r) => s + r.rating, 0),
    satisfied: rated.filter((r) => r.rating >= 4).length,
  };
}

export function selfServiceFigures(c: SessionCounts) {
  return {
    sessions: c.sessions,
    searched: c.searched,
    articleViews: c.views,
    helpfulVotes: c.helpfulVotes,
    escalated: c.asked,
    deflectionRate: round4(ratio(c.sessions - c.asked, c.sessions)),
  };
}

export function funnelSteps(c: SessionCounts) {
  return [
    { step: 'engaged', sessions: c.sessions },
    { step: 'searched', sessions: c.searched },
    { step: 'openedArticle', sessions: c.viewed },
    { step: 'votedHelpful', sessions: c.votedHelpful },
    { step: 'askedForPerson', sessions: c.asked },
    { step: 'chatted', sessions: c.chatted },
    { step: 'rated', sessions: c.rated },
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
  // Stored times are ISO strings in UTC, so they compare as strings: no parsing per row.
  const starts = range.dayStarts.map((t) => new Date(t).toISOString());
  const at = (iso: string) => days[dayIndexIso(starts, iso)];
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
    ...frt(d.frt),
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
