import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoursKey } from '../../server/domain/reports/business-hours.ts';
import { DEFAULT_SETTINGS } from '../../server/domain/settings.ts';
import { fixtureServer } from './reports-fixture.ts';

const kinds: Array<'sqlite' | 'postgres'> = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const RANGE = 'from=2026-03-28&to=2026-03-29&tz=Europe/Berlin';

type Summary = {
  firstResponse?: {
    medianSeconds: number | null;
    businessHours?: { medianSeconds: number | null; p90Seconds: number | null } | null;
  };
  error?: { code: string; issues?: Array<{ path: string }> };
};

describe.each(kinds)('first response counted in business hours (%s)', (kind) => {
  let server: Awaited<ReturnType<typeof fixtureServer>>['server'];
  let close: () => Promise<void>;
  let admin: string;
  const get = async (query: string) => {
    const res = await fetch(`${server.url}/api/reports/summary?${query}`, { headers: { cookie: admin } });
    return { status: res.status, body: (await res.json()) as Summary };
  };

  beforeAll(async () => {
    ({ server, admin, close } = await fixtureServer(kind));
  });
  afterAll(async () => {
    await close?.();
  });

  it('is null until the workspace has opening hours, and absent unless asked for', async () => {
    expect((await get(RANGE)).body.firstResponse).not.toHaveProperty('businessHours');
    expect((await get(`${RANGE}&hours=business`)).body.firstResponse?.businessHours).toBeNull();
    const bad = await get(`${RANGE}&hours=nights`);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.issues?.[0]?.path).toBe('hours');
  });

  it('counts only the time inside the opening hours, across midnight and the DST change', async () => {
    // Open Saturday from 10:01 to 18:00 and Sunday from 00:00 to 03:00, Berlin time.
    await server.services.settings.update({
      ...DEFAULT_SETTINGS,
      businessHours: {
        timeZone: 'Europe/Berlin',
        open: [
          { day: 6, from: '10:01', to: '18:00' },
          { day: 0, from: '00:00', to: '03:00' },
        ],
      },
    });
    const { body } = await get(`${RANGE}&hours=business`);
    // c1 10:00-10:02 Saturday: 60 s from 10:01. c2 23:50 Saturday-00:05 Sunday: the 300 s after midnight.
    // c3 01:30 winter time to 03:30 summer time: open until 03:00 summer time, which is 30 real minutes.
    expect(body.firstResponse).toMatchObject({
      medianSeconds: 900,
      businessHours: { medianSeconds: 300, p90Seconds: 1800 },
    });
  });

  it('follows a change of opening hours, from the stored figures once they are counted again', async () => {
    const setHours = (open: Array<{ day: number; from: string; to: string }>) =>
      server.services.settings.update({
        ...DEFAULT_SETTINGS,
        businessHours: { timeZone: 'Europe/Berlin', open },
      });
    const stale = async () => {
      const hours = (await server.services.settings.get()).businessHours;
      if (!hours) throw new Error('hours expected');
      await server.services.reports.settled();
      const { business } = server.services.reports.store;
      return (await business.counted(hoursKey(hours), '2026-03-27T23:00:00.000Z', '2026-03-29T22:00:00.000Z'))
        .stale;
    };
    const original = [
      { day: 6, from: '10:01', to: '18:00' },
      { day: 0, from: '00:00', to: '03:00' },
    ];
    await setHours(original);
    await get(`${RANGE}&hours=business`);
    expect(await stale()).toBe(0);

    // Saturday from 10:00, Sunday until 01:00: c1 counts 120 s, c2 still 300 s, c3 (from 01:30) nothing.
    await setHours([
      { day: 6, from: '10:00', to: '18:00' },
      { day: 0, from: '00:00', to: '01:00' },
    ]);
    expect(await stale()).toBe(3);
    for (let read = 0; read < 2; read++) {
      const { body } = await get(`${RANGE}&hours=business`);
      expect(body.firstResponse).toMatchObject({ medianSeconds: 900, businessHours: { medianSeconds: 120 } });
      expect(await stale()).toBe(0);
    }

    // A recount read before the roll-up rewrote a row is not stored over what the roll-up wrote.
    await setHours(original);
    const hours = (await server.services.settings.get()).businessHours;
    if (!hours) throw new Error('hours expected');
    const { business } = server.services.reports.store;
    const read = await business.stale(
      hoursKey(hours),
      '2026-03-27T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    );
    expect(read).toHaveLength(3);
    await business.store(
      hoursKey(hours),
      read.map((r, i) => ({ ...r, seconds: i === 0 ? r.seconds + 1 : r.seconds, business: 7 })),
    );
    expect(await stale()).toBe(1);
    await setHours([
      { day: 6, from: '10:00', to: '18:00' },
      { day: 0, from: '00:00', to: '01:00' },
    ]);
    await get(`${RANGE}&hours=business`);

    // Back to the first hours: the figures stored under the second ones no longer count.
    await setHours(original);
    expect(await stale()).toBe(3);
    for (let read = 0; read < 2; read++) {
      const { body } = await get(`${RANGE}&hours=business`);
      expect(body.firstResponse?.businessHours).toMatchObject({ medianSeconds: 300, p90Seconds: 1800 });
      expect(await stale()).toBe(0);
    }
  });
});
