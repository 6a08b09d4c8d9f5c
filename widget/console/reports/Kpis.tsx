import { type DrillMetric, drillHref, drillLabels } from './drill.ts';
import { change, duration, percent } from './periods.ts';
import type { Period, Summary } from './reports-api.ts';

interface Kpi {
  label: string;
  value: string;
  change: string | null;
  /** True when a rise is good news (shown as such in words, not only colour). */
  upIsGood: boolean;
  /** The count stands for conversations: it opens them in the inbox. */
  drill?: DrillMetric;
}

/** The headline numbers, each with its change against the previous period of the same length. */
export function kpis(now: Summary, before: Summary | null): Kpi[] {
  const b = before ?? undefined;
  const out: Kpi[] = [];
  if (now.conversations) {
    out.push(
      {
        label: 'Conversations',
        value: String(now.conversations.started),
        change: change(now.conversations.started, b?.conversations?.started),
        upIsGood: true,
        drill: 'started',
      },
      {
        label: 'Missed',
        value: String(now.conversations.missed),
        change: change(now.conversations.missed, b?.conversations?.missed),
        upIsGood: false,
        drill: 'missed',
      },
      now.firstResponse?.businessHours !== undefined
        ? {
            label: 'First response (median, business hours)',
            value: duration(now.firstResponse.businessHours?.medianSeconds),
            change: change(
              now.firstResponse.businessHours?.medianSeconds,
              b?.firstResponse?.businessHours?.medianSeconds,
            ),
            upIsGood: false,
          }
        : {
            label: 'First response (median)',
            value: duration(now.firstResponse?.medianSeconds),
            change: change(now.firstResponse?.medianSeconds, b?.firstResponse?.medianSeconds),
            upIsGood: false,
          },
      {
        label: 'Resolved',
        value: String(now.resolution?.closed ?? 0),
        change: change(now.resolution?.closed, b?.resolution?.closed),
        upIsGood: true,
        drill: 'closed',
      },
      {
        label: 'Resolution rate',
        value: percent(now.resolution?.rate),
        change: change(now.resolution?.rate, b?.resolution?.rate),
        upIsGood: true,
      },
      {
        label: 'CSAT (average of 5)',
        value: now.csat?.average?.toFixed(2) ?? '–',
        change: change(now.csat?.average, b?.csat?.average),
        upIsGood: true,
      },
    );
  }
  out.push(
    {
      label: 'Self-service sessions',
      value: String(now.selfService.sessions),
      change: change(now.selfService.sessions, b?.selfService.sessions),
      upIsGood: true,
    },
    {
      label: 'Deflection rate',
      value: percent(now.selfService.deflectionRate),
      change: change(now.selfService.deflectionRate, b?.selfService.deflectionRate),
      upIsGood: true,
    },
  );
  return out;
}

export function Kpis({
  now,
  before,
  period,
}: {
  now: Summary;
  before: Summary | null;
  period: Period | null;
}) {
  return (
    <ul class="report-kpis" aria-label="Headline numbers">
      {kpis(now, before).map((k) => {
        const tone =
          !k.change || k.change === 'no change'
            ? ''
            : k.change.startsWith('+') === k.upIsGood
              ? 'good'
              : 'bad';
        return (
          <li key={k.label} class="card report-kpi">
            <span class="report-kpi-label">{k.label}</span>
            <span class="report-kpi-value">
              {k.drill && period ? (
                <a href={drillHref({ metric: k.drill, ...period })}>
                  {k.value}
                  <span class="visually-hidden"> {k.label}: show them in the inbox</span>
                </a>
              ) : (
                k.value
              )}
            </span>
            <span class={`report-kpi-change ${tone}`}>
              {k.change ? `${k.change} vs previous period` : 'no earlier figure'}
              {tone && ' '}
              {tone && <span class="visually-hidden">{tone === 'good' ? '(better)' : '(worse)'}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Every count of the period that stands for conversations, each opening them in the inbox. */
export function DrillCounts({ now, period }: { now: Summary; period: Period }) {
  const c = now.conversations;
  const r = now.resolution;
  const s = now.csat;
  if (!c || !r || !s) return null;
  const satisfied = Math.round((s.satisfiedShare ?? 0) * s.responses);
  const counts: Record<DrillMetric, number> = {
    started: c.started,
    chats: c.chats,
    offline: c.offline,
    missed: c.missed,
    closed: r.closed,
    reopened: r.reopened,
    rated: s.responses,
    satisfied,
    unsatisfied: s.responses - satisfied,
  };
  return (
    <section class="card report-drill-counts" aria-labelledby="drill-counts-title">
      <h2 id="drill-counts-title">Conversations behind the numbers</h2>
      <ul>
        {(Object.keys(drillLabels) as DrillMetric[]).map((m) => (
          <li key={m}>
            <a href={drillHref({ metric: m, ...period })}>
              {drillLabels[m]}: {counts[m]}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
