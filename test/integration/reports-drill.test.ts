import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServer } from './reports-fixture.ts';

const kinds: Array<'sqlite' | 'postgres'> = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const RANGE = 'from=2026-03-28&to=2026-03-29&tz=Europe/Berlin';

type Drill = {
  metric: string;
  total: number;
  page: number;
  conversations: Array<{ id: string; status: string }>;
  error?: { code: string; issues?: Array<{ path: string }> };
};

describe.each(kinds)('drilling down from a report count (%s)', (kind) => {
  let server: Awaited<ReturnType<typeof fixtureServer>>['server'];
  let close: () => Promise<void>;
  let admin: string;
  const get = async <T>(path: string, cookie = admin) => {
    const res = await fetch(`${server.url}/api/reports/${path}`, { headers: { cookie } });
    return { status: res.status, body: (await res.json()) as T };
  };
  /** Every page of a drill-down, as the console walks them. */
  const all = async (query: string, cookie = admin) => {
    const ids: string[] = [];
    let total = -1;
    for (let page = 1; page < 20; page++) {
      const { status, body } = await get<Drill>(`conversations?${query}&limit=2&page=${page}`, cookie);
      expect(status).toBe(200);
      total = body.total;
      ids.push(...body.conversations.map((c) => c.id));
      if (body.conversations.length < 2) break;
    }
    return { total, ids };
  };

  beforeAll(async () => {
    ({ server, admin, close } = await fixtureServer(kind));
  });
  afterAll(async () => {
    await close?.();
  });

  it('lists exactly the conversations behind each count of the summary', async () => {
    const s = (await get<Record<string, Record<string, number>>>(`summary?${RANGE}`)).body;
    const counts: Record<string, number> = {
      started: s.conversations?.started ?? -1,
      chats: s.conversations?.chats ?? -1,
      offline: s.conversations?.offline ?? -1,
      missed: s.conversations?.missed ?? -1,
      closed: s.resolution?.closed ?? -1,
      reopened: s.resolution?.reopened ?? -1,
      rated: s.csat?.responses ?? -1,
      satisfied: Math.round((s.csat?.satisfiedShare ?? 0) * (s.csat?.responses ?? 0)),
      unsatisfied: Math.round((1 - (s.csat?.satisfiedShare ?? 0)) * (s.csat?.responses ?? 0)),
    };
    // Worked out by hand from the fixture (see reports-fixture.ts): c5 and c7 fall outside the local days.
    const expected: Record<string, string[]> = {
      started: ['c1', 'c2', 'c3', 'c4', 'c6'],
      chats: ['c1', 'c2', 'c3', 'c6'],
      offline: ['c4'],
      missed: ['c4'],
      closed: ['c1', 'c2', 'c3', 'c4'],
      reopened: ['c2'],
      rated: ['c1', 'c3'],
      satisfied: ['c1'],
      unsatisfied: ['c3'],
    };
    for (const [metric, ids] of Object.entries(expected)) {
      const drill = await all(`metric=${metric}&${RANGE}`);
      expect({ metric, ids: [...drill.ids].sort() }).toEqual({ metric, ids });
      expect({ metric, total: drill.total, listed: drill.ids.length }).toEqual({
        metric,
        total: counts[metric],
        listed: counts[metric],
      });
    }
  });

  it('pages the latest first, as the inbox shows them', async () => {
    const first = await get<Drill>(`conversations?metric=started&${RANGE}&limit=2`);
    expect(first.body).toMatchObject({ metric: 'started', total: 5, page: 1 });
    // c6 started 23:59 Sunday local, c4 at noon Sunday; then c3, c2, c1.
    expect(first.body.conversations.map((c) => c.id)).toEqual(['c6', 'c4']);
    expect(first.body.conversations[0]?.status).toBe('waiting');
    const third = await get<Drill>(`conversations?metric=started&${RANGE}&limit=2&page=3`);
    expect(third.body.conversations.map((c) => c.id)).toEqual(['c1']);
  });

  it("matches the per-agent row: an agent's handled, closed and rated conversations", async () => {
    expect((await all(`metric=started&agent=a1&${RANGE}`)).ids.sort()).toEqual(['c1', 'c3']);
    expect((await all(`metric=closed&agent=a2&${RANGE}`)).ids).toEqual(['c2']);
    expect((await all(`metric=rated&agent=a1&${RANGE}`)).ids.sort()).toEqual(['c1', 'c3']);
  });

  it('refuses a bad metric, page or range with 400 and the field at fault', async () => {
    for (const [query, field] of [
      [`metric=everything&${RANGE}`, 'metric'],
      [RANGE, 'metric'],
      [`metric=missed&${RANGE}&limit=500`, 'limit'],
      [`metric=missed&${RANGE}&page=0`, 'page'],
      [`metric=missed&${RANGE}&color=red`, ''],
      ['metric=missed&from=2026-03-28&to=2026-03-29&tz=Mars/Olympus', 'tz'],
      ['metric=missed&from=2026-03-29&to=2026-03-28', 'to'],
    ] as const) {
      const { status, body } = await get<Drill>(`conversations?${query}`);
      expect({ query, status }).toEqual({ query, status: 400 });
      expect(body.error?.code).toBe('validation_failed');
      if (field) expect(body.error?.issues?.[0]?.path).toBe(field);
    }
  });

  it('lets agents open the team counts and their own row, not editors or others', async () => {
    const agent = await server.agent('Cy', 'agent');
    const editor = await server.agent('Ed', 'editor');
    expect((await get<Drill>(`conversations?metric=missed&${RANGE}`, agent.cookie)).body.total).toBe(1);
    const own = await get<Drill>(`conversations?metric=started&agent=${agent.row.id}&${RANGE}`, agent.cookie);
    expect(own.body.total).toBe(0);
    expect((await get<Drill>(`conversations?metric=started&agent=a1&${RANGE}`, agent.cookie)).status).toBe(
      403,
    );
    expect((await get<Drill>(`conversations?metric=missed&${RANGE}`, editor.cookie)).status).toBe(403);
    expect((await get<Drill>(`conversations?metric=missed&${RANGE}`, '')).status).toBe(401);
  });
});
