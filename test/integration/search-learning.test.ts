import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../server/lib/clock.ts';
import { request, startTestServer, until } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

// The shipped store knowledge base, copied: "Answer with an article" writes into its Markdown files.
const STARTER_KB = resolve(import.meta.dirname, '..', '..', 'knowledge-base');
const SHOP = { origin: 'http://shop.test' };

describe('search learns from visitors and from editors, over HTTP', () => {
  let server: Server;
  let kbDir: string;
  let editor: string;
  beforeAll(async () => {
    kbDir = await mkdtemp(join(tmpdir(), 'parley-learning-'));
    await cp(STARTER_KB, kbDir, { recursive: true });
    server = await startTestServer({ kbDir });
    await server.services.agents.create({
      email: 'eve@example.com',
      name: 'Eve',
      role: 'editor',
      password: 'correct horse battery',
    });
    editor = await server.signIn('eve@example.com', 'correct horse battery');
  });
  afterAll(async () => {
    await server.close();
    await rm(kbDir, { recursive: true, force: true });
  });

  const rank = async (q: string, slug: string) => {
    const body = await (await fetch(`${server.url}/api/kb/search?q=${encodeURIComponent(q)}&limit=5`)).json();
    return (body.results as Array<{ slug: string }>).findIndex((h) => h.slug === slug);
  };
  const signal = (body: Record<string, unknown>) =>
    fetch(`${server.url}/api/kb/signals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...SHOP },
      body: JSON.stringify(body),
    });
  const helpful = (session: string, query = 'parcel') =>
    signal({ query, slug: 'orders/track-your-order', kind: 'helpful', session: session.padEnd(16, '-') });
  const asEditor = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/api/admin/learning${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', cookie: editor, ...(init.headers ?? {}) },
    });

  it('boosts an article for a query once three distinct visitors found it helpful, never for one', async () => {
    const before = await rank('parcel', 'orders/track-your-order');
    expect(before === -1 || before >= 3).toBe(true);
    // One visitor saying it three times is one visitor.
    for (let i = 0; i < 3; i++) expect((await helpful('visitor-one')).status).toBe(202);
    expect(await rank('parcel', 'orders/track-your-order')).toBe(before);
    await helpful('visitor-two');
    expect(await rank('parcel', 'orders/track-your-order')).toBe(before);
    await helpful('visitor-three');
    const after = await rank('parcel', 'orders/track-your-order');
    expect(after).toBeGreaterThanOrEqual(0);
    expect(after).toBeLessThan(3);
    // Close variants share what was learned.
    const variant = await rank('Parcels?', 'orders/track-your-order');
    expect(variant).toBeGreaterThanOrEqual(0);
    expect(variant).toBeLessThan(3);
  });

  it('shows editors what was learned and lets them revert it', async () => {
    const list = await (await asEditor('/')).json();
    const entry = list.entries.find((e: { slug: string }) => e.slug === 'orders/track-your-order');
    expect(entry).toMatchObject({ query: 'parcel', visitors: 3, title: 'Track your order' });
    expect(entry.boost).toBeGreaterThan(0);
    const res = await asEditor('/revert', {
      method: 'POST',
      body: JSON.stringify({ query: 'parcel', slug: 'orders/track-your-order' }),
    });
    expect(res.status).toBe(204);
    const after = await rank('parcel', 'orders/track-your-order');
    expect(after === -1 || after >= 3).toBe(true);
    const again = await (await asEditor('/')).json();
    expect(again.entries.find((e: { slug: string }) => e.slug === 'orders/track-your-order')).toBeUndefined();
  });

  it('refuses bad signals with a clear error and keeps serving', async () => {
    const bad = await signal({
      query: 'parcel',
      slug: 'orders/track-your-order',
      kind: 'helpful',
      session: 'x',
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('validation_failed');
    const unknown = await signal({
      query: 'parcel',
      slug: 'no/such-article',
      kind: 'helpful',
      session: 'a'.repeat(20),
    });
    expect(unknown.status).toBe(400);
    const foreign = await fetch(`${server.url}/api/kb/signals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://evil.test' },
      body: JSON.stringify({
        query: 'parcel',
        slug: 'orders/track-your-order',
        kind: 'helpful',
        session: 'b'.repeat(20),
      }),
    });
    expect(foreign.status).toBe(403);
    expect((await fetch(`${server.url}/api/kb/search?q=parcel`)).status).toBe(200);
  });

  it('keeps the learning screen to editors', async () => {
    expect((await fetch(`${server.url}/api/admin/learning`)).status).toBe(401);
  });

  it('answers a query with an article in one step, in the Markdown front matter, for close variants too', async () => {
    const query = 'do you assemble wardrobes';
    const slug = 'shipping/delivery-options-and-times';
    expect(await rank(query, slug)).toBe(-1);
    const res = await asEditor('/answers', { method: 'POST', body: JSON.stringify({ query, slug }) });
    expect(res.status).toBe(201);
    const file = await readFile(join(kbDir, 'shipping', 'delivery-options-and-times.md'), 'utf8');
    expect(file).toMatch(/^questions:\n {2}- do you assemble wardrobes$/m);
    expect(file).toContain('keywords: [how long does delivery take'); // the rest of the front matter as it was
    expect(await rank(query, slug)).toBe(0);
    expect(await rank('Assemble my wardrobe?', slug)).toBe(0);
    // Asking again adds nothing.
    const again = await asEditor('/answers', { method: 'POST', body: JSON.stringify({ query, slug }) });
    expect((await again.json()).added).toBe(false);
  });

  it('learns from chats where an agent answered a search with an article, once three visitors had it', async () => {
    const slug = 'returns/non-returnable-items';
    const query = 'can i send back underwear';
    const before = await rank(query, slug);
    expect(before === -1 || before >= 3).toBe(true);
    const { socket: agent } = await server.agent('Ada');
    for (let i = 0; i < 3; i++) {
      const trail = [{ kind: 'search', query, resultCount: 0, at: new Date().toISOString() }];
      const { conversation } = await server.visitorWithConversation('Can I return underwear?', trail);
      await request(agent, 'conversation:claim', { conversationId: conversation.id });
      const sent = await request(agent, 'message:send', {
        conversationId: conversation.id,
        clientId: `agent-answer-${i}-0001`,
        // The first agent inserts the article with the composer's picker; the others paste its link.
        ...(i === 0
          ? {
              text: 'Sadly not: Items that can’t be returned',
              article: { slug, title: 'Items that can’t be returned' },
            }
          : { text: `Sadly not, see ${server.url}/kb/${slug}` }),
      });
      expect(sent.ok).toBe(true);
      if (i < 2) {
        const now = await rank(query, slug);
        expect(now === -1 || now >= 3).toBe(true);
      }
    }
    await until(async () => {
      const now = await rank(query, slug);
      return now >= 0 && now < 3;
    });
  });
});

describe('search learns from visitors who read an article and did not ask for a person, over HTTP', () => {
  const clock = fakeClock(new Date('2026-06-01T10:00:00Z'));
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer({ kbDir: STARTER_KB, compose: { clock } });
  });
  afterAll(() => server.close());

  const SLUG = 'orders/track-your-order';
  const rank = async (q: string) => {
    const res = await fetch(`${server.url}/api/kb/search?q=${encodeURIComponent(q)}&limit=5`);
    return ((await res.json()).results as Array<{ slug: string }>).findIndex((h) => h.slug === SLUG);
  };
  // The widget's funnel, as it sends it: a search, the article opened from its results, and maybe more.
  const funnel = async (session: string, ...more: unknown[]) => {
    const res = await fetch(`${server.url}/api/reports/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...SHOP },
      body: JSON.stringify({
        session: session.padEnd(16, '0'),
        events: [
          { kind: 'search', query: 'parcel', resultCount: 3 },
          { kind: 'view', slug: SLUG, query: 'parcel' },
          ...more,
        ],
      }),
    });
    expect(res.status).toBe(204);
  };

  it('boosts the article once three sessions read it and half an hour passed without asking for a person', async () => {
    const before = await rank('parcel');
    expect(before === -1 || before >= 3).toBe(true);
    await funnel('reader-one');
    await funnel('reader-two');
    await funnel('asked-for-a-person', { kind: 'ask' });
    expect(await rank('parcel')).toBe(before); // nothing counts while the sessions may still ask
    clock.advance(31 * 60_000);
    expect(await rank('parcel')).toBe(before); // two reads are two visitors: below the threshold
    await funnel('reader-three');
    clock.advance(31 * 60_000);
    const after = await rank('parcel');
    expect(after).toBeGreaterThanOrEqual(0);
    expect(after).toBeLessThan(3);
  });

  it('keeps accepting the funnel when a batch is invalid, and learns nothing from it', async () => {
    const res = await fetch(`${server.url}/api/reports/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...SHOP },
      body: JSON.stringify({
        session: 'short',
        events: [{ kind: 'view', slug: SLUG, query: 'x'.repeat(300) }],
      }),
    });
    expect(res.status).toBe(400);
    expect((await fetch(`${server.url}/api/kb/search?q=parcel`)).status).toBe(200);
  });
});
