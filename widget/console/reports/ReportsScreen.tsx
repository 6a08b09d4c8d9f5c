import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AgentDTO } from '../../../server/protocol/dto.ts';
import { readJson, writeJson } from '../../ui/storage.ts';
import { useRequest } from '../admin/use-request.ts';
import { useDeps } from '../deps.ts';
import { Chart } from './Chart.tsx';
import type { TableData } from './csv.ts';
import type { DrillMetric } from './drill.ts';
import { agentLinks, dayLinks } from './drill-tables.ts';
import { DataTable, Figure } from './Figure.tsx';
import { Heatmap } from './Heatmap.tsx';
import { DrillCounts, Kpis } from './Kpis.tsx';
import { NowStrip } from './NowStrip.tsx';
import { Preset, presetLabels, presetPeriod, previousPeriod } from './periods.ts';
import {
  type AgentRow,
  type Articles,
  type Comments,
  type Day,
  type Funnel,
  httpReportsApi,
  type Period,
  type ReportsApi,
  type Summary,
  type TopSearches,
} from './reports-api.ts';
import * as T from './tables.ts';
import { WeeklyEmail } from './WeeklyEmail.tsx';
import './reports.css';

const PERIOD_KEY = 'parley.reports.period';
function remembered(): { preset: string; custom: { from: string; to: string } | null } | null {
  const v = readJson<{ preset?: unknown; custom?: { from?: unknown; to?: unknown } | null }>(
    PERIOD_KEY,
    'sessionStorage',
  );
  if (!v || typeof v.preset !== 'string' || !Object.values(Preset).includes(v.preset as Preset)) return null;
  const c = v.custom;
  return {
    preset: v.preset,
    custom: c && typeof c.from === 'string' && typeof c.to === 'string' ? { from: c.from, to: c.to } : null,
  };
}

interface Data {
  summary: Summary;
  before: Summary | null;
  days?: Day[];
  heatmap?: number[][];
  agents?: AgentRow[];
  comments?: Comments;
  funnel: Funnel;
  articles: Articles;
  searches: TopSearches;
}

/** The team's service numbers and the self-service funnel over a period, in the workspace's time zone. */
export function ReportsScreen({
  me,
  onExpired,
  api: given,
}: {
  me: AgentDTO;
  onExpired: () => void;
  api?: ReportsApi;
}) {
  const { now } = useDeps();
  const api = useMemo(() => given ?? httpReportsApi(), [given]);
  const { error, run } = useRequest(onExpired);
  const [tz, setTz] = useState<string | null>(null);
  // The chosen period outlives a visit to the inbox (a drill-down and back).
  const [start] = useState(remembered);
  const [preset, setPreset] = useState<Preset>((start?.preset as Preset) ?? Preset.d7);
  const [custom, setCustom] = useState<{ from: string; to: string } | null>(start?.custom ?? null);
  // Storage may be off; the period then starts at its default next time.
  useEffect(() => void writeJson(PERIOD_KEY, { preset, custom }, 'sessionStorage'), [preset, custom]);
  const [data, setData] = useState<Data | null>(null);
  const [businessHours, setBusinessHours] = useState(false);
  const team = me.role !== 'editor';

  useEffect(() => {
    void run(() => api.meta()).then((m) => m && setTz(m.timeZone));
  }, [api, run]);

  const period: Period | null = useMemo(() => {
    if (!tz) return null;
    if (preset !== 'custom') return presetPeriod(preset, tz, now());
    return custom && custom.from <= custom.to ? { ...custom, tz } : null;
  }, [tz, preset, custom, now]);

  useEffect(() => {
    if (!period) return;
    let live = true;
    void run(async () => {
      const [summary, before, funnel, articles, searches] = await Promise.all([
        api.summary(period, { businessHours }),
        api.summary(previousPeriod(period), { businessHours }).catch(() => null),
        api.funnel(period),
        api.articles(period),
        api.topSearches(period),
      ]);
      const teamData = team
        ? await Promise.all([api.series(period), api.heatmap(period), api.agents(period), api.csat(period)])
        : null;
      const next: Data = { summary, before, funnel, articles, searches };
      if (teamData) {
        next.days = teamData[0].days;
        next.heatmap = teamData[1].weekdays;
        next.agents = teamData[2].agents;
        next.comments = teamData[3];
      }
      return next;
    }).then((d) => live && d && setData(d));
    return () => {
      live = false;
    };
  }, [api, run, period, team, businessHours]);

  const dates = data?.days?.map((d) => d.date) ?? [];
  // Each count in a per-day or per-agent table opens its conversations in the inbox.
  const linked = <X extends { table: TableData }>(x: X, metrics: Array<DrillMetric | null>): X =>
    period ? { ...x, table: dayLinks(x.table, metrics, period) } : x;
  const agentTable =
    data?.agents && period
      ? agentLinks(T.agentsTable(data.agents), data.agents, period)
      : T.agentsTable(data?.agents ?? []);
  return (
    <section class="screen reports" aria-labelledby="reports-title">
      <header class="screen-head screen-head-row">
        <div>
          <h1 id="reports-title">Reports</h1>
          <p class="muted">
            {period ? `${period.from} to ${period.to}, ${period.tz}` : 'Loading…'}. Definitions:
            docs/metrics.md.
          </p>
        </div>
        <div class="report-period">
          <label class="field field-inline">
            <span>Period</span>
            <select value={preset} onChange={(e) => setPreset(e.currentTarget.value as Preset)}>
              {Object.values(Preset).map((p) => (
                <option key={p} value={p}>
                  {presetLabels[p]}
                </option>
              ))}
            </select>
          </label>
          {team && (
            <label class="check">
              <input
                type="checkbox"
                checked={businessHours}
                onChange={(e) => setBusinessHours(e.currentTarget.checked)}
              />
              <span>First response in business hours only</span>
            </label>
          )}
          {preset === 'custom' && (
            <CustomRange
              initial={
                (custom ? { ...custom, tz: tz ?? 'UTC' } : null) ??
                (tz ? presetPeriod('30', tz, now()) : null)
              }
              onApply={(from, to) => setCustom({ from, to })}
            />
          )}
        </div>
      </header>
      {team && <NowStrip api={api} />}
      {me.role === 'admin' && <WeeklyEmail api={api} />}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {!data ? (
        <p class="muted" role="status">
          Loading…
        </p>
      ) : (
        <>
          <Kpis now={data.summary} before={data.before} period={team ? period : null} />
          {team && period && <DrillCounts now={data.summary} period={period} />}
          {data.days && (
            <div class="report-grid">
              <ChartFigure
                id="volume"
                title="Conversations per day"
                dates={dates}
                {...linked(T.volume(data.days), [null, 'started', 'chats', 'offline', 'missed'])}
              />
              <ChartFigure
                id="frt"
                title="First response time"
                dates={dates}
                {...T.firstResponse(data.days)}
              />
              <ChartFigure
                id="resolution"
                title="Resolution"
                dates={dates}
                {...linked(T.resolution(data.days), [null, 'closed', 'reopened', null])}
              />
              <ChartFigure
                id="csat"
                title="Satisfaction (CSAT) over time"
                dates={dates}
                {...linked(T.csat(data.days), [null, 'rated', null])}
              />
            </div>
          )}
          {data.heatmap && tz && <Heatmap weekdays={data.heatmap} timeZone={tz} />}
          <div class="report-grid">
            <ChartFigure
              id="funnel"
              xLabel="Step"
              title="Self-service funnel"
              dates={T.funnel(data.funnel).x}
              {...T.funnel(data.funnel)}
            />
            <TablesCard data={data} />
          </div>
          {data.agents && (
            <Figure id="agents" title="Per agent" table={agentTable} file="agents">
              <DataTable caption="Per agent" table={agentTable} />
            </Figure>
          )}
          <Figure id="articles" title="Articles" table={T.articlesTable(data.articles)} file="articles">
            <DataTable caption="Articles" table={T.articlesTable(data.articles)} />
          </Figure>
          {data.comments && <CommentsCard comments={data.comments} />}
        </>
      )}
    </section>
  );
}

function ChartFigure(props: {
  xLabel?: string;
  id: string;
  title: string;
  dates: string[];
  series: T.ChartSeriesList;
  table: import('./csv.ts').TableData;
}) {
  return (
    <Figure id={props.id} title={props.title} table={props.table} file={props.id}>
      <Chart
        label={`${props.title}: chart; the numbers are in the table below`}
        x={props.dates}
        series={props.series}
      />
    </Figure>
  );
}

function TablesCard({ data }: { data: Data }) {
  const table = {
    columns: ['Search', 'Times', 'Results'],
    rows: [
      ...data.searches.withoutResults.map((s) => [s.query, s.count, 0]),
      ...data.searches.withResults.map((s) => [s.query, s.count, s.results]),
    ] as Array<Array<string | number>>,
  };
  return (
    <Figure id="searches" title="Top searches" table={table} file="top-searches">
      <p class="muted">
        Deflection rate:{' '}
        {data.funnel.deflectionRate === null ? '–' : `${Math.round(data.funnel.deflectionRate * 100)}%`} of
        engaged sessions did not ask for a person.
      </p>
      <DataTable caption="Top searches, those without results first" table={table} />
    </Figure>
  );
}

function CommentsCard({ comments }: { comments: Comments }) {
  return (
    <section class="card" aria-labelledby="comments-title">
      <h2 id="comments-title">Rating comments</h2>
      {comments.comments.length === 0 ? (
        <p class="muted">No comments in this period.</p>
      ) : (
        <ul class="report-comments">
          {comments.comments.map((c) => (
            <li key={c.conversationId}>
              <span class="report-stars">{c.rating} of 5</span> <q>{c.comment}</q>{' '}
              <time class="muted" dateTime={c.ratedAt}>
                {c.ratedAt.slice(0, 10)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CustomRange({
  initial,
  onApply,
}: {
  initial: Period | null;
  onApply: (from: string, to: string) => void;
}) {
  const [from, setFrom] = useState(initial?.from ?? '');
  const [to, setTo] = useState(initial?.to ?? '');
  const bad = !from || !to || from > to;
  return (
    <form
      class="report-custom"
      onSubmit={(e) => {
        e.preventDefault();
        if (!bad) onApply(from, to);
      }}
    >
      <label class="field field-inline">
        <span>From</span>
        <input type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} required />
      </label>
      <label class="field field-inline">
        <span>To</span>
        <input type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} required />
      </label>
      <button type="submit" class="btn btn-primary btn-small" aria-disabled={bad}>
        Show
      </button>
    </form>
  );
}
