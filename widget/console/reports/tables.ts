import type { ChartSeries } from './Chart.tsx';

export type ChartSeriesList = ChartSeries[];

import type { TableData } from './csv.ts';
import type { AgentRow, Articles, Day, Funnel } from './reports-api.ts';

const minutes = (s: number | null) => (s === null ? null : Math.round(s / 6) / 10);

export const stepLabels: Record<string, string> = {
  engaged: 'Engaged',
  searched: 'Searched',
  openedArticle: 'Opened an article',
  votedHelpful: 'Voted helpful',
  askedForPerson: 'Asked for a person',
  chatted: 'Chatted',
  rated: 'Rated',
};

/** Each chart: its series, and the table and CSV with the same numbers. */
export function volume(days: Day[]): { series: ChartSeries[]; table: TableData } {
  return {
    series: [
      { label: 'Chats', values: days.map((d) => d.chats), bars: true, color: '#3b5bdb' },
      { label: 'Offline messages', values: days.map((d) => d.offline), color: '#868e96' },
      { label: 'Missed', values: days.map((d) => d.missed), color: '#c92a2a' },
    ],
    table: {
      columns: ['Date', 'Started', 'Chats', 'Offline messages', 'Missed'],
      rows: days.map((d) => [d.date, d.started, d.chats, d.offline, d.missed]),
    },
  };
}

export function firstResponse(days: Day[]) {
  return {
    series: [
      {
        label: 'Median (min)',
        values: days.map((d) => minutes(d.firstResponseMedianSeconds)),
        color: '#3b5bdb',
      },
      {
        label: '90th percentile (min)',
        values: days.map((d) => minutes(d.firstResponseP90Seconds)),
        color: '#e67700',
      },
    ],
    table: {
      columns: ['Date', 'Median (s)', '90th percentile (s)'],
      rows: days.map((d) => [d.date, d.firstResponseMedianSeconds, d.firstResponseP90Seconds]),
    },
  };
}

export function resolution(days: Day[]) {
  return {
    series: [
      { label: 'Closed', values: days.map((d) => d.closed), bars: true, color: '#2b8a3e' },
      { label: 'Reopened', values: days.map((d) => d.reopened), color: '#c92a2a' },
    ],
    table: {
      columns: ['Date', 'Closed', 'Reopened', 'Median time to close (s)'],
      rows: days.map((d) => [d.date, d.closed, d.reopened, d.resolutionMedianSeconds]),
    },
  };
}

export function csat(days: Day[]) {
  return {
    series: [{ label: 'Average rating', values: days.map((d) => d.csatAverage), color: '#5f3dc4' }],
    table: {
      columns: ['Date', 'Ratings', 'Average'],
      rows: days.map((d) => [d.date, d.csatResponses, d.csatAverage]),
    },
  };
}

export function funnel(f: Funnel) {
  return {
    x: f.steps.map((s) => stepLabels[s.step] ?? s.step),
    series: [{ label: 'Sessions', values: f.steps.map((s) => s.sessions), bars: true, color: '#3b5bdb' }],
    table: {
      columns: ['Step', 'Sessions'],
      rows: f.steps.map((s) => [stepLabels[s.step] ?? s.step, s.sessions]),
    },
  };
}

export function agentsTable(rows: AgentRow[]): TableData {
  return {
    columns: ['Agent', 'Handled', 'First response, median (s)', 'Resolution, median (s)', 'Ratings', 'CSAT'],
    rows: rows.map((a) => [
      a.name,
      a.handled,
      a.firstResponseMedianSeconds,
      a.resolutionMedianSeconds,
      a.csatResponses,
      a.csatAverage,
    ]),
  };
}

export function articlesTable(a: Articles): TableData {
  return {
    columns: [
      'Article',
      'Views',
      'Votes',
      'Helpful share',
      'Asked for a person after',
      'Searches that led to it',
    ],
    rows: a.articles.map((r) => [
      r.slug,
      r.views,
      r.votes,
      r.helpfulShare,
      r.escalations,
      r.searches.map((s) => `${s.query} (${s.count})`).join('; '),
    ]),
  };
}
