import { readdir, readFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKbServer } from '../support/kb-server.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Create, rename, move and delete articles, upload images, and each article's history (without git). */
describe('knowledge-base editor: changes beyond a save', () => {
  let server: Awaited<ReturnType<typeof startKbServer>>;
  let cookie: string;

  beforeAll(async () => {
    server = await startKbServer({
      'orders/track-an-order.md':
        '---\ntitle: Track an order\n---\nSee [cancelling](cancel.md#how) and [returns](../returns/start.md).\n',
      'orders/cancel.md': '---\ntitle: Cancel an order\n---\n## How\n\nPress cancel.\n',
      'returns/start.md': '---\ntitle: Start a return\n---\nOr [cancel it](/orders/cancel.md) first.\n',
      'returns/lonely.md': '---\ntitle: Lonely\n---\nNobody links here.\n',
    });
    cookie = (await server.agent('Edith Editor', 'editor')).cookie;
  });
  afterAll(async () => {
    await server.close();
  });

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/admin/kb${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json', origin: server.url, ...headers },
      ...(body === undefined
        ? {}
        : { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) }),
    });
  const read = async (slug: string) =>
    (await (await call('GET', `/articles/${slug}`)).json()) as { text: string; version: string };

  it('moves an article to another folder and rewrites the links to it, and its own, so nothing breaks', async () => {
    const { version } = await read('orders/cancel');
    const res = await call('POST', '/move', {
      from: 'orders/cancel',
      to: 'account/cancel-an-order',
      baseVersion: version,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { relPath: string; relinked: string[] };
    expect(body.relPath).toBe('account/cancel-an-order.md');
    expect(body.relinked.sort()).toEqual(['orders/track-an-order.md', 'returns/start.md']);
    expect(await readFile(join(server.kbDir, 'orders/track-an-order.md'), 'utf8')).toContain(
      '[cancelling](../account/cancel-an-order.md#how)',
    );
    expect(await readFile(join(server.kbDir, 'returns/start.md'), 'utf8')).toContain(
      '(/account/cancel-an-order.md)',
    );
    expect((await readdir(join(server.kbDir, 'orders'))).sort()).toEqual(['track-an-order.md']);
    // Live at once: the new URL answers, the old one leads there for good, and the link on the other page follows.
    expect((await fetch(`${server.url}/kb/account/cancel-an-order`)).status).toBe(200);
    const old = await fetch(`${server.url}/kb/orders/cancel`, { redirect: 'manual' });
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/kb/account/cancel-an-order');
    const page = await (await fetch(`${server.url}/kb/orders/track-an-order`)).text();
    expect(page).toContain('href="/kb/account/cancel-an-order#how"');
    const list = (await (await call('GET', '/articles')).json()) as { articles: Array<{ status: string }> };
    expect(list.articles.every((a) => a.status === 'published')).toBe(true);
  });

  it('refuses a move onto an existing article, from a stale version, or to a path outside the folder', async () => {
    const { version } = await read('returns/lonely');
    const onto = await call('POST', '/move', {
      from: 'returns/lonely',
      to: 'returns/start',
      baseVersion: version,
    });
    expect(onto.status).toBe(409);
    const stale = await call('POST', '/move', {
      from: 'returns/lonely',
      to: 'returns/x',
      baseVersion: '0'.repeat(40),
    });
    expect(stale.status).toBe(409);
    for (const to of ['../outside', '/etc/passwd', 'returns/../../x', 'Returns/X', 'a//b', '']) {
      const res = await call('POST', '/move', { from: 'returns/lonely', to, baseVersion: version });
      expect(res.status, to).toBe(400);
    }
    expect(await readFile(join(server.kbDir, 'returns/lonely.md'), 'utf8')).toContain('Nobody links here.');
  });

  it('will not delete an article that others link to, and names them; deletes one nobody needs', async () => {
    const linked = await read('account/cancel-an-order');
    const refused = await call('DELETE', `/articles/account/cancel-an-order?version=${linked.version}`);
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as {
      error: { message: string; issues: Array<{ path: string }> };
    };
    expect(error.message).toMatch(/^Not deleted: broken link/);
    expect(error.issues.map((i) => i.path.split(' ')[0]).sort()).toEqual([
      'orders/track-an-order.md',
      'returns/start.md',
    ]);
    const lonely = await read('returns/lonely');
    expect((await call('DELETE', `/articles/returns/lonely?version=${'1'.repeat(40)}`)).status).toBe(409);
    expect((await call('DELETE', `/articles/returns/lonely?version=${lonely.version}`)).status).toBe(204);
    expect((await readdir(join(server.kbDir, 'returns'))).sort()).toEqual(['start.md']);
    expect((await fetch(`${server.url}/kb/returns/lonely`)).status).toBe(404);
  });

  it('uploads a real image under images/ with a safe name and answers the Markdown that shows it', async () => {
    const res = await call('POST', `/images?name=${encodeURIComponent('../../Screen Shot 1.PNG')}`, PNG, {
      'content-type': 'image/png',
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { relPath: string; markdown: string };
    expect(body).toEqual({
      relPath: 'images/screen-shot-1.png',
      markdown: '![Screen shot 1](/images/screen-shot-1.png)',
    });
    expect(await readFile(join(server.kbDir, 'images/screen-shot-1.png'))).toEqual(PNG);
    const again = (await (
      await call('POST', '/images?name=screen-shot-1.png', PNG, { 'content-type': 'image/png' })
    ).json()) as {
      relPath: string;
    };
    expect(again.relPath).toBe('images/screen-shot-1-2.png');
    const served = await fetch(`${server.url}/api/kb/assets/images/screen-shot-1.png`);
    expect(served.headers.get('content-type')).toBe('image/png');
    // Used in an article, it passes the checks and is served to visitors.
    const preview = (await (
      await call('POST', '/preview/orders/track-an-order', {
        text: `---\ntitle: T\n---\n${body.markdown}\n`,
      })
    ).json()) as { html: string; problems: unknown[] };
    expect(preview.problems).toEqual([]);
    expect(preview.html).toContain('src="/api/kb/assets/images/screen-shot-1.png"');
  });

  it('refuses what is not an image (whatever its name), SVG, empty files and files over 2 MB', async () => {
    const cases: Array<[string, Buffer, number, string]> = [
      ['evil.png', Buffer.from('<script>alert(1)</script>'), 415, 'file_type_not_allowed'],
      [
        'logo.svg',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'),
        415,
        'file_type_not_allowed',
      ],
      ['empty.png', Buffer.alloc(0), 400, 'validation_failed'],
      ['huge.png', Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]), 413, 'payload_too_large'],
    ];
    for (const [name, bytes, status, code] of cases) {
      const res = await call('POST', `/images?name=${name}`, bytes, {
        'content-type': 'application/octet-stream',
      });
      expect(res.status, name).toBe(status);
      expect(((await res.json()) as { error: { code: string } }).error.code, name).toBe(code);
    }
    expect((await readdir(join(server.kbDir, 'images'))).sort()).toEqual([
      'screen-shot-1-2.png',
      'screen-shot-1.png',
    ]);
  });

  it('never writes through a folder that is a symlink out of the knowledge base', async () => {
    await symlink(tmpdir(), join(server.kbDir, 'escape'));
    const res = await call('PUT', '/articles/escape/owned', {
      text: '---\ntitle: x\n---\nx\n',
      baseVersion: null,
    });
    expect(res.status).toBe(400);
    await expect(readFile(join(tmpdir(), 'owned.md'))).rejects.toThrow();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('lets only editors and admins move, delete, upload or read history, and checks every body', async () => {
    const agentCookie = (await server.agent('Ann', 'agent')).cookie;
    const endpoints: Array<[string, string, unknown]> = [
      ['POST', '/move', { from: 'returns/start', to: 'returns/begin', baseVersion: 'a'.repeat(40) }],
      ['DELETE', `/articles/returns/start?version=${'a'.repeat(40)}`, undefined],
      ['POST', '/images?name=a.png', PNG],
      ['GET', '/history/returns/start', undefined],
      ['GET', `/versions/${'a'.repeat(40)}/returns/start`, undefined],
    ];
    for (const [method, path, body] of endpoints) {
      const type: Record<string, string> = Buffer.isBuffer(body) ? { 'content-type': 'image/png' } : {};
      expect(
        (await call(method, path, body, { ...type, cookie: agentCookie })).status,
        `${method} ${path}`,
      ).toBe(403);
      expect((await call(method, path, body, { ...type, cookie: '' })).status, `${method} ${path}`).toBe(401);
    }
    const bad: Array<[string, string, unknown]> = [
      ['POST', '/move', { from: 'returns/start', to: 'returns/begin' }],
      [
        'POST',
        '/move',
        { from: 'returns/start', to: 'returns/begin', baseVersion: 'a'.repeat(40), extra: 1 },
      ],
      ['POST', '/move', { from: ['returns/start'], to: 'x', baseVersion: 'a'.repeat(40) }],
      ['DELETE', '/articles/returns/start?version=../../x', undefined],
      ['DELETE', '/articles/returns/start', undefined],
      ['PUT', '/articles/returns/start', { text: 'x', baseVersion: null, restoredFrom: 'x'.repeat(65) }],
    ];
    for (const [method, path, body] of bad) {
      const res = await call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    }
    const nameless = await call('POST', '/images', PNG, { 'content-type': 'image/png' });
    expect(nameless.status).toBe(400);
    expect(await readFile(join(server.kbDir, 'returns/start.md'), 'utf8')).toContain('Start a return');
  });

  it('keeps the last versions of an article with their authors, shows one, and restores it by a checked save', async () => {
    const first = await read('orders/track-an-order');
    const v2 = first.text.replace('See', 'Read');
    const saved = (await (
      await call('PUT', '/articles/orders/track-an-order', { text: v2, baseVersion: first.version })
    ).json()) as {
      version: string;
    };
    const history = (await (await call('GET', '/history/orders/track-an-order')).json()) as {
      kind: string;
      versions: Array<{ id: string; author: string; at: string; message: string }>;
    };
    expect(history.kind).toBe('folder');
    expect(history.versions.length).toBeGreaterThanOrEqual(2);
    expect(history.versions[0]).toMatchObject({
      author: 'Edith Editor',
      message: 'Edit orders/track-an-order.md',
    });
    const newest = history.versions[0]?.id ?? '';
    const shown = (await (await call('GET', `/versions/${newest}/orders/track-an-order`)).json()) as {
      text: string;
      previous: string | null;
    };
    expect(shown.text).toBe(v2);
    expect(shown.previous).toBe(first.text);
    const restored = await call('PUT', '/articles/orders/track-an-order', {
      text: shown.previous,
      baseVersion: saved.version,
      restoredFrom: history.versions[1]?.id,
    });
    expect(restored.status).toBe(200);
    expect(await readFile(join(server.kbDir, 'orders/track-an-order.md'), 'utf8')).toBe(first.text);
    expect((await call('GET', '/versions/..%2F..%2Fetc/orders/track-an-order')).status).toBe(400);
    expect((await call('GET', '/versions/20260101T000000000Z-deadbeef/orders/track-an-order')).status).toBe(
      404,
    );
  });
});
