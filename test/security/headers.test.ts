import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server.ts';
import { fakeAssets } from './support/assets.ts';
import { errorCode, type RawResponse, raw } from './support/http.ts';

// Finding 2 (the console served a second time, frameable), and the headers every response carries.
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ app: { assetsDir: fakeAssets() } });
});
afterAll(async () => {
  await server.close();
});

const get = (path: string, headers: Record<string, string> = {}) => raw(server.url, 'GET', path, headers);

function cspOf(r: RawResponse): Map<string, string> {
  const csp = String(r.headers['content-security-policy'] ?? '');
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0] ?? '', d.split(/\s+/).slice(1).join(' ')]),
  );
}

/** What every response carries, HTML page, API answer, asset or error alike. */
function expectBaseline(r: RawResponse) {
  expect(r.headers['x-content-type-options']).toBe('nosniff');
  expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(r.headers['x-frame-options']).toBe('DENY');
  expect(cspOf(r).get('frame-ancestors')).toBe("'none'");
  expect(r.headers['x-powered-by']).toBeUndefined();
}

const API = [
  '/healthz',
  '/api/kb/search?q=refund',
  '/api/kb/categories',
  '/api/widget/settings',
  '/api/visitor/availability',
  '/api/auth/me',
  '/api/console/agents',
  '/api/no-such-route',
];
const ASSETS = ['/widget.js', '/widget/app.js', '/assets/console-abc.js'];

describe('response headers', () => {
  it.each(['/console', '/demo'])('%s is a locked-down HTML page: strict CSP, never framed', async (path) => {
    const r = await get(path);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expectBaseline(r);
    const csp = cspOf(r);
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(r.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/help', '/help/search?q=order', '/kb/orders/track-an-order', '/kb/no-such-article'])(
    '%s is a help-centre page: scripts and styles from Parley only, never inline, never framed',
    async (path) => {
      const r = await get(path);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expectBaseline(r);
      const csp = cspOf(r);
      expect(csp.get('default-src')).toBe("'self'");
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('style-src')).toBe("'self'");
      expect(csp.get('base-uri')).toBe("'none'");
    },
  );

  it.each(API)('%s answers JSON with the baseline headers and a CSP that allows nothing', async (path) => {
    const r = await get(path);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expectBaseline(r);
    expect(cspOf(r).get('default-src')).toBe("'none'");
  });

  it.each(ASSETS)('%s is served with the baseline headers', async (path) => {
    const r = await get(path);
    expect(r.status).toBe(200);
    expectBaseline(r);
  });
});

describe('the /widget route serves the widget only', () => {
  it.each([
    '/widget/console/index.html',
    '/widget/console/',
    '/widget/console',
    '/widget/%63onsole/index.html',
    '/widget/./console/index.html',
    '/widget//console/index.html',
  ])('%s does not serve the console page', async (path) => {
    const r = await get(path);
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('<div id="root">');
    expectBaseline(r);
  });

  it('path tricks never leave the assets folder', async () => {
    for (const path of [
      '/widget/..%2f..%2fpackage.json',
      '/widget/%2e%2e/%2e%2e/package.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/assets/%2e%2e/widget.js',
    ]) {
      const r = await get(path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.body).not.toContain('"name": "parley"');
    }
  });
});

describe('Host header and URL tricks (finding 8)', () => {
  it('/demo never writes a hostile Host header into its HTML', async () => {
    const r = await get('/demo', { host: 'evil.test"><script>alert(1)</script>' });
    expect(r.body).not.toContain('<script>alert(1)');
    expect(r.body).not.toContain('evil.test"');
  });

  it("trusts a Host header as Parley's own origin only for loopback addresses when PUBLIC_URL is unset (DNS rebinding)", async () => {
    const port = new URL(server.url).port;
    const body = JSON.stringify({ email: 'ada@example.com', password: 'wrong password' });
    const rebound = await raw(
      server.url,
      'POST',
      '/api/auth/login',
      {
        host: `rebind.attacker.test:${port}`,
        origin: `http://rebind.attacker.test:${port}`,
        'content-type': 'application/json',
      },
      body,
    );
    expect(rebound.status).toBe(403);
    expect(errorCode(rebound)).toBe('origin_not_allowed');
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
      const own = await raw(
        server.url,
        'POST',
        '/api/auth/login',
        { host, origin: `http://${host}`, 'content-type': 'application/json' },
        body,
      );
      expect(errorCode(own), host).toBe('unauthorized');
    }
  });

  it('a bad percent-encoding in a URL is reported as a bad URL, not bad JSON', async () => {
    const r = await get('/api/kb/articles/%E0%A4%A');
    expect(r.status).toBe(400);
    expect(errorCode(r)).toBe('bad_request');
    expect(r.body).not.toMatch(/JSON/);
  });
});
