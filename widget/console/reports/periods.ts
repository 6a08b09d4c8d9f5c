import {
  addDays,
  daysBetween,
  formatLocalDate,
  localDateOf,
  parseLocalDate,
} from '../../../server/domain/reports/time-zone.ts';
import type { Period } from './reports-api.ts';

export const Preset = { today: 'today', d7: '7', d30: '30', d90: '90', custom: 'custom' } as const;
export type Preset = (typeof Preset)[keyof typeof Preset];

export const presetLabels: Record<Preset, string> = {
  today: 'Today',
  '7': 'Last 7 days',
  '30': 'Last 30 days',
  '90': 'Last 90 days',
  custom: 'Custom',
};

/** The period a preset means now, in the workspace's zone: "last 7 days" is the 7 local days ending today. */
export function presetPeriod(preset: Exclude<Preset, 'custom'>, tz: string, now: number): Period {
  const today = localDateOf(now, tz);
  const days = preset === 'today' ? 1 : Number(preset);
  return { from: formatLocalDate(addDays(today, 1 - days)), to: formatLocalDate(today), tz };
}

/** The period of the same length just before. */
export function previousPeriod(p: Period): Period {
  const from = parseLocalDate(p.from);
  const to = parseLocalDate(p.to);
  if (!from || !to) return p;
  const n = daysBetween(from, to) + 1;
  return { from: formatLocalDate(addDays(from, -n)), to: formatLocalDate(addDays(to, -n)), tz: p.tz };
}

/** "+12%" / "−5%" / "no change" / null when there is nothing to compare with. */
export function change(now: number | null | undefined, before: number | null | undefined): string | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  if (before === 0) return now === 0 ? 'no change' : null;
  const pct = Math.round(((now - before) / Math.abs(before)) * 100);
  if (pct === 0) return 'no change';
  return `${pct > 0 ? '+' : '−'}${Math.abs(pct)}%`;
}

export function duration(s: number | null | undefined): string {
  if (s === null || s === undefined) return '–';
  if (s < 90) return `${s} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

export function percent(v: number | null | undefined): string {
  return v === null || v === undefined ? '–' : `${Math.round(v * 100)}%`;
}
