import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase, SearchHit } from '../../../server/domain/knowledge-base/types.ts';
import { addQuestion } from '../../../server/domain/search-learning/answer-with-article.ts';
import { SearchLearning } from '../../../server/domain/search-learning/learning.ts';
import { fakeClock } from '../../../server/lib/clock.ts';
import { silentLogger } from '../../../server/lib/logger.ts';
import { type DatabaseHandle, openDatabase } from '../../../server/storage/connect.ts';
import { createLearningStore } from '../../../server/storage/learning-store.ts';
import { clusterQueries } from '../../../widget/console/admin/cluster-queries.ts';

const DAY = 86_400_000;
const SLUG = 'orders/track-your-order';
let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await loadKnowledgeBase({
    dir: join(import.meta.dirname, '../../../knowledge-base'),
    logger: silentLogger(),
  });
});
afterAll(() => kb.close());

// The real learning store on a real (in-memory) SQLite database, and a clock the test moves.
async function setUp(policy = {}) {
  const database: DatabaseHandle = await openDatabase({ kind: 'sqlite', file: ':memory:' });
  const clock = fakeClock(new Date('2026-06-01T10:00:00Z'));
  const learning = new SearchLearning({
    store: createLearningStore(database.db),
    clock,
    kb,
    logger: silentLogger(),
    policy,
  });
  const vote = (visitor: string, address = `10.0.0.${visitor.length}-${visitor}`) =>
    learning.record({ query: 'parcel', slug: SLUG, visitor, address, kind: 'helpful' });
  const boost = async () => (await learning.list()).find((e) => e.slug === SLUG)?.boost ?? 0;
  const rank = async () =>
    (await learning.search('parcel', 5, (q, n): SearchHit[] => kb.search(q, n))).findIndex(
      (h) => h.slug === SLUG,
    );
  return { database, clock, learning, vote, boost, rank };
}

describe('learning from visitors resists abuse', () => {
  it('learns nothing from one visitor however often, and nothing below the visitor threshold', async () => {
    const t = await setUp();
    for (let i = 0; i < 5; i++) await t.vote('alice');
    expect(await t.boost()).toBe(0);
    await t.vote('bob');
    expect(await t.boost()).toBe(0);
    await t.vote('carol');
    expect(await t.boost()).toBeGreaterThan(0);
    await t.database.close();
  });

  it('counts at most a few visitors from one network address', async () => {
    const t = await setUp({ maxVisitorsPerAddress: 1 });
    for (const v of ['a', 'b', 'c', 'd']) await t.vote(v, '203.0.113.7');
    expect(await t.boost()).toBe(0);
    await t.vote('e', '198.51.100.1');
    await t.vote('f', '192.0.2.1');
    expect(await t.boost()).toBeGreaterThan(0);
    await t.database.close();
  });

  it('caps the boost, and lets it decay without new signals until it is forgotten', async () => {
    const t = await setUp({ cap: 0.5, halfLifeDays: 10, windowDays: 60 });
    for (const v of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) await t.vote(v);
    const fresh = await t.boost();
    expect(fresh).toBe(0.5);
    t.clock.advance(10 * DAY);
    expect(await t.boost()).toBeCloseTo(0.25, 2);
    t.clock.advance(51 * DAY);
    expect(await t.boost()).toBe(0);
    await t.database.close();
  });

  it('limits how many signals one visitor gives per day', async () => {
    const t = await setUp({ maxSignalsPerVisitorPerDay: 2 });
    const give = (query: string) =>
      t.learning.record({ query, slug: SLUG, visitor: 'mallory', address: 'x', kind: 'helpful' });
    expect(await give('parcel')).toBe(true);
    expect(await give('tracking number')).toBe(true);
    expect(await give('courier')).toBe(false);
    t.clock.advance(DAY + 1);
    expect(await give('courier')).toBe(true);
    await t.database.close();
  });

  it('moves a learned article into the top 3, and an editor revert takes it out again', async () => {
    const t = await setUp();
    expect(await t.rank()).toBeGreaterThanOrEqual(3);
    for (const v of ['a', 'b', 'c']) await t.vote(v);
    expect(await t.rank()).toBeLessThan(3);
    await t.learning.revert('Parcel?', SLUG, 'editor-1');
    expect(await t.rank()).toBeGreaterThanOrEqual(3);
    await t.database.close();
  });
});

describe('learning from visitors who read an article and did not ask for a person', () => {
  const MIN = 60_000;
  // What the widget's funnel sends for one session: a search, then the article opened from its results.
  const read = (t: Awaited<ReturnType<typeof setUp>>, session: string, address = `addr-${session}`) =>
    t.learning.observeSession(
      {
        session,
        events: [
          { kind: 'search', query: 'parcel' },
          { kind: 'view', slug: SLUG, query: 'parcel' },
        ],
      },
      address,
    );
  const visitors = async (t: Awaited<ReturnType<typeof setUp>>) =>
    (await t.learning.list()).find((e) => e.slug === SLUG)?.visitors ?? 0;

  it('counts a read once its session has gone half an hour without asking for a person; three reads boost', async () => {
    const t = await setUp();
    for (const s of ['s1', 's2', 's3']) await read(t, s);
    t.clock.advance(29 * MIN);
    expect(await t.learning.settleReads()).toBe(0); // the sessions may still ask for a person
    expect(await visitors(t)).toBe(0);
    expect(await t.rank()).toBeGreaterThanOrEqual(3);
    t.clock.advance(2 * MIN);
    expect(await t.learning.settleReads()).toBe(3);
    expect(await visitors(t)).toBe(3);
    expect(await t.rank()).toBeLessThan(3);
    expect(await t.learning.settleReads()).toBe(0); // each read counts once
    await t.database.close();
  });

  it('does not count a session that asked for a person or started a chat, before or after reading', async () => {
    const t = await setUp();
    await read(t, 'asked-after');
    await t.learning.observeSession({ session: 'asked-after', events: [{ kind: 'ask' }] }, 'a');
    await t.learning.observeSession(
      { session: 'chatted-before', events: [{ kind: 'chat', conversationId: 'c1' }] },
      'b',
    );
    await read(t, 'chatted-before');
    await t.learning.observeSession(
      { session: 'same-batch', events: [{ kind: 'view', slug: SLUG, query: 'parcel' }, { kind: 'ask' }] },
      'c',
    );
    await read(t, 'quiet');
    t.clock.advance(31 * MIN);
    expect(await t.learning.settleReads()).toBe(1);
    expect(await visitors(t)).toBe(1);
    await t.database.close();
  });

  it('one session is one visitor; a vote on the article replaces its read; the usual safeguards hold', async () => {
    const t = await setUp({ maxVisitorsPerAddress: 1 });
    for (let i = 0; i < 4; i++) await read(t, 'same-session');
    // A vote says more than a read: the read is dropped (a helpful vote counts through its own signal).
    await read(t, 'voter');
    await t.learning.observeSession(
      { session: 'voter', events: [{ kind: 'vote', slug: SLUG, helpful: false }] },
      'v',
    );
    // Many sessions from one address count as one visitor.
    for (const s of ['x1', 'x2', 'x3']) await read(t, s, '203.0.113.9');
    // A view with no search before it, or of an article that does not exist, is not a read.
    await t.learning.observeSession({ session: 'no-search', events: [{ kind: 'view', slug: SLUG }] }, 'n');
    await t.learning.observeSession(
      { session: 'unknown', events: [{ kind: 'view', slug: 'no/such-article', query: 'parcel' }] },
      'u',
    );
    t.clock.advance(31 * MIN);
    await t.learning.settleReads();
    expect(await visitors(t)).toBe(2); // same-session, and one of the x sessions
    expect(await t.boost()).toBe(0);
    await t.database.close();
  });

  it('only the last article a session opened for a search can count: the ones before did not answer it', async () => {
    const t = await setUp();
    const other = 'shipping/delivery-options-and-times';
    for (const s of ['s1', 's2', 's3']) {
      await read(t, s);
      await t.learning.observeSession(
        { session: s, events: [{ kind: 'view', slug: other, query: 'parcel' }] },
        s,
      );
    }
    t.clock.advance(31 * MIN);
    expect(await t.learning.settleReads()).toBe(3);
    expect(await visitors(t)).toBe(0);
    expect((await t.learning.list()).find((e) => e.slug === other)?.visitors).toBe(3);
    await t.database.close();
  });

  it('reads decay, are capped and reverted like votes, and count towards the daily limit', async () => {
    const t = await setUp({ cap: 0.5, halfLifeDays: 10, maxSignalsPerVisitorPerDay: 1 });
    for (const s of ['a', 'b', 'c', 'd', 'e', 'f']) await read(t, s);
    t.clock.advance(31 * MIN);
    await t.learning.settleReads();
    expect(await t.boost()).toBeCloseTo(0.5, 2); // capped (six visitors would give the full cap), decaying from the read
    t.clock.advance(10 * 86_400_000);
    expect(await t.boost()).toBeCloseTo(0.25, 2);
    await t.learning.revert('parcel', SLUG, 'editor-1');
    expect(await t.boost()).toBe(0);
    // A session already at its daily limit: its read is dropped.
    await t.learning.record({ query: 'courier', slug: SLUG, visitor: 'g', address: 'g', kind: 'helpful' });
    await read(t, 'g');
    t.clock.advance(31 * MIN);
    expect(await t.learning.settleReads()).toBe(0);
    await t.database.close();
  });
});

describe('editors closing gaps', () => {
  it('adds a question to the front matter, keeping the rest as written, once', () => {
    const source = '---\ntitle: Delivery\n# how we deliver\nkeywords: [next day, express]\n---\nBody.\n';
    const once = addQuestion(source, '  do you   assemble wardrobes ');
    expect(once).toBe(
      '---\ntitle: Delivery\n# how we deliver\nkeywords: [next day, express]\nquestions:\n  - do you assemble wardrobes\n---\nBody.\n',
    );
    expect(addQuestion(once, 'Do you assemble a wardrobe?')).toBe(once);
    expect(addQuestion('No front matter.\n', 'gift wrap')).toBe(
      '---\nquestions:\n  - "gift wrap"\n---\nNo front matter.\n',
    );
  });

  it('groups unanswered searches that ask for the same thing, biggest first', () => {
    const clusters = clusterQueries([
      { query: 'gift wrapping', count: 4 },
      { query: 'do you gift wrap', count: 3 },
      { query: 'price match', count: 5 },
      { query: 'gift wrap for a birthday', count: 1 },
    ]);
    expect(clusters[0]).toMatchObject({ topic: 'gift wrapping', total: 8 });
    expect(clusters[0]?.queries.map((q) => q.query)).toEqual([
      'gift wrapping',
      'do you gift wrap',
      'gift wrap for a birthday',
    ]);
    expect(clusters[1]).toMatchObject({ topic: 'price match', total: 5 });
  });
});
