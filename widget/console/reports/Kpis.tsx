import { change, duration, percent } from './periods.ts';
import type { Summary } from './reports-api.ts';

interface Kpi {
  label: string;
  value: string;
  change: string | null;
  /** True when a rise is good news (shown as such in words, not only colour). */
  upIsGood: boolean;
  href?: string;
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
        href: '#inbox/open',
      },
      {
        label: 'Missed',
        value: String(now.conversations.missed),
        change: change(now.conversations.missed, b?.conversations?.missed),
        upIsGood: false,
        href: '#inbox/closed',
      },
      {
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
        href: '#inbox/closed',
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

export function Kpis({ now, before }: { now: Summary; before: Summary | null }) {
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
            <span class="report-kpi-value">{k.href ? <a href={k.href}>{k.value}</a> : k.value}</span>
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
