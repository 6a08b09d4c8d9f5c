import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('the HTTP API', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer();
    await server.services.agents.create({
      email: 'ada@example.com',
      name: 'Ada',
      role: 'admin',
      password: 'correct horse battery',
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('reports health', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: 'up', redis: 'off' });
  });

  it('signs an agent in with an httpOnly, SameSite=Lax session cookie', async () => {
    const res = await post('/api/auth/login', {
      email: 'ADA@example.com',
      password: 'correct horse battery',
    });
    expect(res.status).toBe(200);
    expect((await res.json()).agent).toMatchObject({ email: 'ada@example.com', role: 'admin' });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/parley_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(me.status).toBe(200);
  });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrong = await post('/api/auth/login', { email: 'ada@example.com', password: 'nope nope nope' });
    const unknown = await post('/api/auth/login', {
      email: 'nobody@example.com',
      password: 'nope nope nope',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('signs out and the session stops working', async () => {
    const res = await post('/api/auth/login', {
      email: 'ada@example.com',
      password: 'correct horse battery',
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await post('/api/auth/logout', {}, { cookie })).status).toBe(204);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('issues visitor tokens to allowed sites, with CORS for them only', async () => {
    const ok = await post('/api/visitor/session', {}, { origin: 'http://shop.test' });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://shop.test');
    const body = await ok.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const evil = await post('/api/visitor/session', {}, { origin: 'https://evil.test' });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect((await evil.json()).error.code).toBe('origin_not_allowed');
  });

  it('answers malformed and oversized bodies with JSON errors', async () => {
    const bad = await post('/api/visitor/session', '{"context":', { origin: 'http://shop.test' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('bad_request');
    const big = await post(
      '/api/visitor/session',
      { context: { title: 'x'.repeat(100_000) } },
      { origin: 'http://shop.test' },
    );
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('payload_too_large');
    const hostile = await post(
      '/api/visitor/session',
      { context: { url: 42 }, extra: true },
      { origin: 'http://shop.test' },
    );
    expect(hostile.status).toBe(400);
    expect((await hostile.json()).error.code).toBe('validation_failed');
  });

  it('rate-limits sign-in attempts', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 15 }, () =>
        post('/api/auth/login', { email: 'ada@example.com', password: 'wrong wrong' }),
      ),
    );
    expect(attempts.map((r) => r.status)).toContain(429);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await fetch(`${server.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('publishes the widget settings to embedding sites', async () => {
    const res = await fetch(`${server.url}/api/widget/settings`, { headers: { origin: 'http://shop.test' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://shop.test');
    expect(await res.json()).toMatchObject({ launcherLabel: expect.any(String), position: 'right' });
  });
});
