import { z } from 'zod';
import type { Logger } from '../../lib/logger.ts';
import type { ReportsStore } from '../../storage/reports-store.ts';
import type { Mailer } from '../follow-up/mailer.ts';
import { previousRange, rangeOf } from './range.ts';
import type { Reports } from './reports.ts';
import { addDays, localDateOf, wallClock } from './time-zone.ts';

export const reportSettingsSchema = z.object({
  /** Admins get the last week's headline numbers by email on Monday mornings. Off until an admin opts in. */
  weeklyEmail: z.boolean(),
});
export type ReportSettings = z.infer<typeof reportSettingsSchema>;

const KEY = 'reports';
const SENT_KEY = 'reports.weekly-sent';

export interface ReportSettingsStore {
  get(): Promise<ReportSettings>;
  put(value: ReportSettings): Promise<ReportSettings>;
}

export function reportSettingsStore(
  store: ReportsStore,
  now: () => Date = () => new Date(),
): ReportSettingsStore {
  return {
    async get() {
      const parsed = reportSettingsSchema.safeParse(await store.setting(KEY));
      return parsed.success ? parsed.data : { weeklyEmail: false };
    },
    async put(value) {
      await store.putSetting(KEY, value, now().toISOString());
      return value;
    },
  };
}

const pct = (v: number | null) => (v === null ? '-' : `${Math.round(v * 100)}%`);
const dur = (s: number | null) =>
  s === null
    ? '-'
    : s < 90
      ? `${s} s`
      : s < 5400
        ? `${Math.round(s / 60)} min`
        : `${(s / 3600).toFixed(1)} h`;

/** The last full week (Monday to Sunday, workspace time) before `at`, as a plain-text email. */
export async function weeklySummary(reports: Reports, at: Date) {
  const tz = await reports.timeZone();
  const today = localDateOf(at.getTime(), tz);
  const weekday = wallClock(tz)(at.getTime()).weekday;
  const lastMonday = addDays(today, -((weekday + 6) % 7) - 7);
  const range = rangeOf(lastMonday, addDays(lastMonday, 6), tz);
  const s = await reports.summary(range, { role: 'admin', agentId: '' });
  const before = await reports.summary(previousRange(range), { role: 'admin', agentId: '' });
  const searches = await reports.topSearches(range, 10);
  const c = s.conversations;
  const lines = [
    `Parley, week of ${range.from} to ${range.to} (${tz})`,
    '',
    `Conversations started: ${c?.started ?? 0} (${c?.chats ?? 0} chats, ${c?.offline ?? 0} offline messages; week before: ${before.conversations?.started ?? 0})`,
    `Missed (left before any reply): ${c?.missed ?? 0}`,
    `First response: median ${dur(s.firstResponse?.medianSeconds ?? null)}, 90th percentile ${dur(s.firstResponse?.p90Seconds ?? null)}`,
    `Resolved: ${s.resolution?.closed ?? 0} closed, median ${dur(s.resolution?.medianSeconds ?? null)} to close, ${s.resolution?.reopened ?? 0} reopened, resolution rate ${pct(s.resolution?.rate ?? null)}`,
    `Satisfaction: ${s.csat?.responses ?? 0} ratings, average ${s.csat?.average?.toFixed(2) ?? '-'}, ${pct(s.csat?.satisfiedShare ?? null)} rated 4 or 5`,
    `Self-service: ${s.selfService.sessions} engaged sessions, deflection rate ${pct(s.selfService.deflectionRate)}`,
    '',
    'Top searches with no answer:',
    ...(searches.withoutResults.length
      ? searches.withoutResults.map((q) => `  ${q.count} x "${q.query}"`)
      : ['  (none)']),
  ];
  return {
    subject: `Parley weekly summary: ${range.from} to ${range.to}`,
    text: `${lines.join('\n')}\n`,
    week: range.from,
  };
}

/**
 * Once a week (the first check on or after Monday 08:00, workspace time), when an admin opted in: emails
 * the summary of the week before to every enabled admin. The week sent is remembered in the settings table.
 */
export async function sendWeeklyIfDue(deps: {
  reports: Reports;
  store: ReportsStore;
  mailer: Mailer;
  settings: ReportSettingsStore;
  logger: Logger;
  now: Date;
}): Promise<boolean> {
  const { reports, store, mailer, settings, now } = deps;
  if (!(await settings.get()).weeklyEmail) return false;
  const tz = await reports.timeZone();
  const { hour } = wallClock(tz)(now.getTime());
  const summary = await weeklySummary(reports, now);
  const sent = (await store.setting(SENT_KEY)) as string | undefined;
  const weekday = wallClock(tz)(now.getTime()).weekday;
  if (sent === summary.week || (weekday === 1 && hour < 8)) return false;
  await store.putSetting(SENT_KEY, summary.week, now.toISOString());
  const admins = await store.adminEmails();
  for (const to of admins) await mailer.send({ to, subject: summary.subject, text: summary.text });
  deps.logger.info({ week: summary.week, admins: admins.length }, 'weekly report sent');
  return true;
}
