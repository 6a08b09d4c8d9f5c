import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureServer } from './reports-fixture.ts';

const kinds: Array<'sqlite' | 'postgres'> = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
const RANGE = 'from=2026-03-28&to=2026-03-29&tz=Europe/Berlin';

describe.each(kinds)('reports over the hand-worked fixture (%s)', (kind) => {
  let server: Awaited<ReturnType<typeof fixtureServer>>['server'];
  let close: () => Promise<void>;
  let admin: string;
  const get = async (path: string, cookie = admin) => {
    const res = await fetch(`${server.url}/api/reports/${path}`, { headers: { cookie } });
    return {
      status: res.status,
      body: (await res.json()) as Record<string, unknown> & {
        error?: { code: string; issues?: Array<{ path: string }> };
      },
    };
  };

  beforeAll(async () => {
    ({ server, admin, close } = await fixtureServer(kind));
  });
  afterAll(async () => {
    await close?.();
  });

  it('answers the summary a person works out by hand', async () => {
    const { status, body } = await get(`summary?${RANGE}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      range: {
        from: '2026-03-28',
        to: '2026-03-29',
        start: '2026-03-27T23:00:00.000Z',
        end: '2026-03-29T22:00:00.000Z',
      },
      // c1, c2, c3, c4 (offline, missed), c6 (still waiting); c5 and c7 fall outside the local days.
      conversations: { started: 5, chats: 4, offline: 1, missed: 1 },
      // c1 120 s (the note does not count), c2 900 s across midnight, c3 3600 s across the DST change.
      firstResponse: { medianSeconds: 900, p90Seconds: 3600 },
      queueWait: { medianSeconds: 300, p90Seconds: 1800 },
      // First closes: c1 600 s, c2 5400 s (then reopened), c3 5400 s, c4 1800 s.
      resolution: { closed: 4, medianSeconds: 3600, reopened: 1, rate: 0.75 },
      // c1 rated 5, c3 rated 3; c2 and c4 closed unrated; c5's rating is before the range.
      csat: { responses: 2, average: 4, satisfiedShare: 0.5, responseRate: 0.5 },
      selfService: {
        sessions: 3,
        searched: 2,
        articleViews: 3,
        helpfulVotes: 1,
        escalated: 2,
        deflectionRate: 0.3333,
      },
    });
  });

  it('splits the figures by local day, across midnight and the DST change', async () => {
    const { body } = await get(`series?${RANGE}`);
    const days = body.days as Array<Record<string, unknown>>;
    expect(days.map((d) => d.date)).toEqual(['2026-03-28', '2026-03-29']);
    expect(days[0]).toMatchObject({
      started: 2,
      chats: 2,
      firstResponseMedianSeconds: 510,
      closed: 1,
      csatResponses: 1,
      csatAverage: 5,
    });
    expect(days[1]).toMatchObject({
      started: 3,
      offline: 1,
      missed: 1,
      firstResponseMedianSeconds: 3600,
      closed: 3,
      reopened: 1,
      resolutionMedianSeconds: 5400,
      csatAverage: 3,
    });
  });

  it('places each start on the local weekday and hour', async () => {
    const { body } = await get(`heatmap?${RANGE}`);
    const w = body.weekdays as number[][];
    const cells = w.flatMap((row, day) => row.flatMap((n, hour) => (n ? [`${day}:${hour}=${n}`] : [])));
    // Saturday 10:00 and 23:50; Sunday 01:30 (winter time), 12:00 and 23:59 (summer time).
    expect(cells).toEqual(['0:1=1', '0:12=1', '0:23=1', '6:10=1', '6:23=1']);
  });

  it('gives each agent their conversations, first replies, closes and ratings', async () => {
    const { body } = await get(`agents?${RANGE}`);
    expect(body.agents).toEqual([
      {
        agentId: 'a1',
        name: 'Ana',
        handled: 2,
        firstResponseMedianSeconds: 1860,
        resolutionMedianSeconds: 3000,
        csatResponses: 2,
        csatAverage: 4,
      },
      {
        agentId: 'a2',
        name: 'Ben',
        handled: 1,
        firstResponseMedianSeconds: 900,
        resolutionMedianSeconds: 5400,
        csatResponses: 0,
        csatAverage: null,
      },
    ]);
  });

  it('lists ratings and comments, newest first', async () => {
    const { body } = await get(`csat?${RANGE}`);
    expect(body).toMatchObject({ responses: 2, average: 4 });
    expect(body.distribution).toEqual([
      { rating: 1, count: 0 },
      { rating: 2, count: 0 },
      { rating: 3, count: 1 },
      { rating: 4, count: 0 },
      { rating: 5, count: 1 },
    ]);
    expect(body.comments).toEqual([
      { conversationId: 'c1', rating: 5, comment: 'Great help', ratedAt: '2026-03-28T09:11:00.000Z' },
    ]);
  });

  it('walks the self-service funnel and the articles', async () => {
    const funnel = (await get(`funnel?${RANGE}`)).body;
    expect(funnel.steps).toEqual([
      { step: 'engaged', sessions: 3 },
      { step: 'searched', sessions: 2 },
      { step: 'openedArticle', sessions: 3 },
      { step: 'votedHelpful', sessions: 1 },
      { step: 'askedForPerson', sessions: 2 },
      { step: 'chatted', sessions: 2 },
      { step: 'rated', sessions: 1 },
    ]);
    expect(funnel.deflectionRate).toBe(0.3333);
    const articles = (await get(`articles?${RANGE}`)).body;
    expect(articles.articles).toEqual([
      {
        slug: 'returns',
        views: 2,
        votes: 2,
        helpfulShare: 0.5,
        escalations: 1,
        searches: [{ query: 'refund', count: 1 }],
      },
      {
        slug: 'billing',
        views: 1,
        votes: 0,
        helpfulShare: null,
        escalations: 1,
        searches: [{ query: 'billing', count: 1 }],
      },
    ]);
    const searches = (await get(`top-searches?${RANGE}`)).body;
    expect(searches.withResults).toEqual([
      { query: 'refund', count: 2, results: 3 },
      { query: 'billing', count: 1, results: 2 },
    ]);
    expect(searches.withoutResults).toEqual([{ query: 'gift wrap', count: 1 }]);
  });

  it('refuses a bad range or time zone with 400 and the field at fault', async () => {
    for (const [query, field] of [
      ['from=2026-03-28&to=2026-03-29&tz=Mars/Olympus', 'tz'],
      ['from=2026-02-30&to=2026-03-29&tz=UTC', 'from'],
      ['from=2026-03-29&to=2026-03-28&tz=UTC', 'to'],
      ['from=2025-01-01&to=2026-03-28&tz=UTC', 'to'],
      ['to=2026-03-28', 'from'],
    ]) {
      const { status, body } = await get(`summary?${query}`);
      expect(status).toBe(400);
      expect(body.error?.code).toBe('validation_failed');
      expect(body.error?.issues?.[0]?.path).toBe(field);
    }
  });

  it('shows agents the team and themselves, editors self-service only', async () => {
    const agent = await server.agent('Cy', 'agent');
    const editor = await server.agent('Ed', 'editor');
    expect((await get(`agents?${RANGE}`, agent.cookie)).body.agents).toEqual([]);
    expect((await get(`summary?${RANGE}`, agent.cookie)).body.conversations).toMatchObject({ started: 5 });
    const asEditor = await get(`summary?${RANGE}`, editor.cookie);
    expect(asEditor.body.conversations).toBeUndefined();
    expect(asEditor.body.selfService).toMatchObject({ sessions: 3 });
    expect((await get(`series?${RANGE}`, editor.cookie)).status).toBe(403);
    expect((await get(`summary?${RANGE}`, '')).status).toBe(401);
  });
});
