import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../server/domain/follow-up/mailer.ts';
import { Reports } from '../../server/domain/reports/reports.ts';
import { sendWeeklyIfDue } from '../../server/domain/reports/weekly-email.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import { type DatabaseHandle, openDatabase } from '../../server/storage/connect.ts';
import { createReportsStore } from '../../server/storage/reports-store.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { scratchDatabase, seedFixture } from './reports-fixture.ts';

describe('the weekly summary email', () => {
  let handle: DatabaseHandle;
  let smtp: TestSmtp;
  let reports: Reports;
  const send = (now: string) =>
    sendWeeklyIfDue({
      reports,
      store: reports.store,
      mailer: smtpMailer(smtp.url),
      settings: reports.settings,
      logger: silentLogger(),
      now: new Date(now),
    });

  beforeAll(async () => {
    const scratch = await scratchDatabase('sqlite');
    handle = await openDatabase(scratch.target);
    await seedFixture(handle.db);
    for (const [id, disabled] of [
      ['boss', 0],
      ['gone', 1],
    ] as const)
      await handle.db
        .insertInto('agents')
        .values({
          id,
          email: `${id}@example.com`,
          name: id,
          role: 'admin',
          password_hash: 'x',
          status: 'offline',
          max_chats: 5,
          disabled,
          must_change_password: 0,
          created_at: '2026-03-01T00:00:00.000Z',
        })
        .execute();
    smtp = await startSmtp();
    reports = new Reports({ store: createReportsStore(handle.db), timeZone: async () => 'Europe/Berlin' });
  });
  afterAll(async () => {
    await smtp?.close();
    await handle?.close();
  });

  it('is sent only once an admin opts in, on Monday from 08:00 workspace time, once a week, to enabled admins', async () => {
    expect(await send('2026-03-30T07:00:00.000Z')).toBe(false);
    await reports.settings.put({ weeklyEmail: true });
    // Monday 07:30 in Berlin (summer time): not yet.
    expect(await send('2026-03-30T05:30:00.000Z')).toBe(false);
    expect(await send('2026-03-30T06:05:00.000Z')).toBe(true);
    expect(await send('2026-03-30T09:00:00.000Z')).toBe(false);
    expect(smtp.received.map((m) => m.to)).toEqual([['boss@example.com']]);
    // The raw message, quoted-printable decoded.
    const text = (smtp.received[0]?.body ?? '')
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    expect(text).toContain('Subject: Parley weekly summary: 2026-03-23 to 2026-03-29');
    // The fixture's week: c1..c6 (c5 on Friday the 27th); c7 starts on Monday the 30th.
    expect(text).toContain('Conversations started: 6 (5 chats, 1 offline messages; week before: 0)');
    expect(text).toContain('Satisfaction: 3 ratings, average 3.00, 33% rated 4 or 5');
    expect(text).toContain('1 x "gift wrap"');
  });
});
