import type { GroupedQueries } from '../../storage/reports-grouped.ts';
import { type ReportRange, rangeDates } from './range.ts';
import { type Counted, medianCounted, percentileCounted, ratio, round4, seconds } from './stats.ts';
import { wallClock } from './time-zone.ts';

/**
 * The figures that split a period (per local day, per agent, per weekday and hour), from counts and ranked
 * values the database groups: a 90-day report reads a few hundred rows, not one per conversation.
 */

const dayBounds = (range: ReportRange) => range.dayStarts.map((t) => new Date(t).toISOString());

/** Per local day: volume, first response, resolution and CSAT. */
export async function dailySeries(q: GroupedQueries, range: ReportRange) {
  const days = { kind: 'day', days: dayBounds(range) } as const;
  const { startIso: a, endIso: b } = range;
  const [started, frt, closed, close, rated] = await Promise.all([
    q.counts(days, 'created_at', ['offline', 'missed'], a, b),
    q.counted(days, 'created_at', 'first_response_s', a, b),
    q.counts(days, 'first_closed_at', ['reopened'], a, b),
    q.counted(days, 'first_closed_at', 'close_s', a, b),
    q.counts(days, 'rated_at', ['rating'], a, b),
  ]);
  return rangeDates(range).map((date, i) => {
    const k = String(i);
    const s = started.get(k);
    const c = closed.get(k);
    const r = rated.get(k);
    const f = frt.get(k);
    return {
      date,
      started: s?.count ?? 0,
      chats: (s?.count ?? 0) - (s?.offline ?? 0),
      offline: s?.offline ?? 0,
      missed: s?.missed ?? 0,
      firstResponseMedianSeconds: seconds(medianCounted(f ?? [])),
      firstResponseP90Seconds: seconds(percentileCounted(f ?? [], 90)),
      closed: c?.count ?? 0,
      reopened: c?.reopened ?? 0,
      resolutionMedianSeconds: seconds(medianCounted(close.get(k) ?? [])),
      csatResponses: r?.count ?? 0,
      csatAverage: round4(ratio(r?.rating ?? 0, r?.count ?? 0)),
    };
  });
}

/** Conversations started, by local weekday (0 = Sunday) and hour: 7 rows of 24. */
export async function heatmap(q: GroupedQueries, range: ReportRange): Promise<number[][]> {
  const grid = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  const clock = wallClock(range.timeZone);
  for (const { at, count } of await q.quarterHours(range.startIso, range.endIso)) {
    const { weekday, hour } = clock(at);
    const row = grid[weekday];
    if (row) row[hour] = (row[hour] ?? 0) + count;
  }
  return grid;
}

/** Per agent: conversations handled, median first response (their own first replies), resolution, CSAT. */
export async function agentFigures(
  q: GroupedQueries,
  range: ReportRange,
  names: Array<{ id: string; name: string }>,
) {
  const { startIso: a, endIso: b } = range;
  const byAgent = { kind: 'column', column: 'agent_id' } as const;
  const [handled, frt, close, rated] = await Promise.all([
    q.counts(byAgent, 'created_at', [], a, b),
    q.counted({ kind: 'column', column: 'first_responder_id' }, 'created_at', 'first_response_s', a, b),
    q.counted(byAgent, 'first_closed_at', 'close_s', a, b),
    q.counts(byAgent, 'rated_at', ['rating'], a, b),
  ]);
  const ids = new Set([...handled.keys(), ...frt.keys(), ...close.keys(), ...rated.keys()]);
  const nameOf = new Map(names.map((x) => [x.id, x.name]));
  const median = (m: Map<string, Counted>, id: string) => seconds(medianCounted(m.get(id) ?? []));
  return [...ids]
    .map((id) => ({
      agentId: id,
      name: nameOf.get(id) ?? 'Former agent',
      handled: handled.get(id)?.count ?? 0,
      firstResponseMedianSeconds: median(frt, id),
      resolutionMedianSeconds: median(close, id),
      csatResponses: rated.get(id)?.count ?? 0,
      csatAverage: round4(ratio(rated.get(id)?.rating ?? 0, rated.get(id)?.count ?? 0)),
    }))
    .sort((x, y) => y.handled - x.handled || x.name.localeCompare(y.name));
}
