import type { Logger } from '../../lib/logger.ts';
import type { Services } from '../../services.ts';
import type { Mailer } from '../follow-up/mailer.ts';
import type { Reports } from './reports.ts';
import { sendWeeklyIfDue } from './weekly-email.ts';

/**
 * Background work for reports on this node: a roll-up pass every minute (so live figures lag at most a
 * minute even when nobody opens a report), marking conversations started while nobody could chat, and,
 * with a mailer, the weekly summary email (checked hourly).
 */
export function startReports(opts: {
  services: Pick<Services, 'events'>;
  reports: Reports;
  logger: Logger;
  mailer?: Mailer | undefined;
  rollUpMs?: number;
  weeklyCheckMs?: number;
}): () => void {
  const { services, mailer } = opts;
  const log = opts.logger.child({ module: 'reports' });
  const { reports } = opts;
  const pass = () =>
    reports.rollUp.refresh().catch((err: unknown) => log.warn({ err }, 'report roll-up failed'));
  void pass();
  const rollUp = setInterval(pass, opts.rollUpMs ?? 60_000);
  rollUp.unref();

  // A conversation that starts as an offline message (nobody could chat) is remembered as one, whatever
  // its status becomes when someone answers it.
  const off = services.events.on('conversation.changed', ({ conversation, kind }) => {
    if (kind !== 'created' || conversation.status !== 'offline') return;
    reports
      .markOffline(conversation.id, conversation.createdAt)
      .catch((err: unknown) => log.warn({ err }, 'could not record an offline conversation'));
  });

  let weekly: ReturnType<typeof setInterval> | undefined;
  if (mailer) {
    const check = () =>
      sendWeeklyIfDue({
        reports,
        store: reports.store,
        mailer,
        settings: reports.settings,
        logger: log,
        now: new Date(reports.nowMs()),
      }).catch((err: unknown) => log.warn({ err }, 'weekly report email failed'));
    weekly = setInterval(check, opts.weeklyCheckMs ?? 3_600_000);
    weekly.unref();
  }
  return () => {
    clearInterval(rollUp);
    if (weekly) clearInterval(weekly);
    off();
  };
}
