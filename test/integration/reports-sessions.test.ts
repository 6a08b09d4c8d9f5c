import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server.ts';
import { scratchDatabase } from './reports-fixture.ts';

describe('self-service sessions reach the funnel only once the visitor engages', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let drop: () => Promise<void>;
  let admin: string;
  const today = new Date().toISOString().slice(0, 10);
  const post = (body: unknown, origin = 'http://shop.test') =>
    fetch(`${server.url}/api/reports/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(body),
    });
  const funnel = async () => {
    const res = await fetch(`${server.url}/api/reports/funnel?from=${today}&to=${today}&tz=UTC`, {
      headers: { cookie: admin },
    });
    return ((await res.json()) as { steps: Array<{ step: string; sessions: number }> }).steps;
  };

  beforeAll(async () => {
    const scratch = await scratchDatabase('sqlite');
    drop = scratch.drop;
    server = await startTestServer({ database: scratch.target });
    admin = (await server.agent('Root', 'admin')).cookie;
  });
  afterAll(async () => {
    await server?.close();
    await drop?.();
  });

  it('drops a session that never engaged, counts one that did', async () => {
    expect((await post({ session: 'idle-session-1', events: [{ kind: 'ask' }] })).status).toBe(204);
    expect((await funnel())[0]).toEqual({ step: 'engaged', sessions: 0 });

    await post({
      session: 'engaged-session-1',
      events: [{ kind: 'search', query: 'Refund', resultCount: 2 }],
    });
    await post({
      session: 'engaged-session-1',
      events: [{ kind: 'view', slug: 'returns', query: 'refund' }],
    });
    await post({ session: 'engaged-session-1', events: [{ kind: 'ask' }] });
    const steps = await funnel();
    expect(steps.map((s) => s.sessions)).toEqual([1, 1, 1, 0, 1, 0, 0]);
  });

  it('refuses a malformed batch with 400 and a page of another origin with 403', async () => {
    const bad = await post({ session: 'x', events: [{ kind: 'teleport' }] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    const foreign = await post(
      { session: 'engaged-session-2', events: [{ kind: 'view', slug: 'a' }] },
      'http://evil.test',
    );
    expect(foreign.status).toBe(403);
  });
});
