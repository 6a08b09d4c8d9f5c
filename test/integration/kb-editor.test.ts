import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKbServer } from '../support/kb-server.ts';

/** Editing the knowledge base from the browser: the same Markdown files, checked, atomic, never a blind overwrite. */
describe('knowledge-base editor API', () => {
  let server: Awaited<ReturnType<typeof startKbServer>>;
  let cookie: string;

  beforeAll(async () => {
    server = await startKbServer({
      'orders/_category.md': '---\ntitle: Orders\n---\n',
      'orders/track-an-order.md':
        '---\ntitle: Track an order\n---\nUse the tracking link.\n\n## Late parcels\n\nWait a day.\n',
      'orders/next-feature.md': '---\ntitle: Next feature\ndraft: true\n---\nSoon.\n',
      'orders/broken.md': '---\ntitle: [unclosed\n---\nBody.\n',
      'es/orders/track-an-order.md': '---\ntitle: Seguir un pedido\n---\nUse el enlace.\n',
    });
    cookie = (await server.agent('Edith', 'editor')).cookie;
  });
  afterAll(async () => {
    await server.close();
  });

  const call = (method: string, path: string, body?: unknown, as = cookie) =>
    fetch(`${server.url}/api/admin/kb${path}`, {
      method,
      headers: { cookie: as, 'content-type': 'application/json', origin: server.url },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('lists every article file with its status: published, draft or broken (with the line)', async () => {
    const res = await call('GET', '/articles');
    expect(res.status).toBe(200);
    const { articles } = (await res.json()) as { articles: Array<Record<string, unknown>> };
    const byPath = new Map(articles.map((a) => [a.relPath, a]));
    expect(byPath.get('orders/track-an-order.md')).toMatchObject({
      slug: 'orders/track-an-order',
      status: 'published',
      title: 'Track an order',
    });
    expect(byPath.get('orders/next-feature.md')).toMatchObject({ status: 'draft' });
    // A translation is listed under its own file's slug, with its language, and opens its own file.
    expect(byPath.get('es/orders/track-an-order.md')).toMatchObject({
      slug: 'es/orders/track-an-order',
      locale: 'es',
      status: 'published',
      title: 'Seguir un pedido',
    });
    expect(byPath.get('orders/track-an-order.md')?.locale).toBeUndefined();
    const spanish = (await (await call('GET', '/articles/es/orders/track-an-order')).json()) as {
      text: string;
    };
    expect(spanish.text).toContain('Use el enlace.');
    expect(byPath.get('orders/broken.md')).toMatchObject({
      status: 'broken',
      problem: { line: expect.any(Number) },
    });
  });

  it('saves an edit to the same file and it is live on the help centre at once', async () => {
    const source = (await (await call('GET', '/articles/orders/track-an-order')).json()) as {
      text: string;
      version: string;
    };
    expect(source.text).toContain('Use the tracking link.');
    const text = source.text.replace('Use the tracking link.', 'Use the **tracking link** in your email.');
    const res = await call('PUT', '/articles/orders/track-an-order', { text, baseVersion: source.version });
    expect(res.status).toBe(200);
    expect(await readFile(join(server.kbDir, 'orders/track-an-order.md'), 'utf8')).toBe(text);
    const page = await (await fetch(`${server.url}/kb/orders/track-an-order`)).text();
    expect(page).toContain('<strong>tracking link</strong> in your email.');
  });

  it('creates a new article, and a preview renders it as visitors will see it', async () => {
    const text = '---\ntitle: Cancel an order\n---\nSee [late parcels](track-an-order.md#late-parcels).\n';
    const preview = (await (await call('POST', '/preview/orders/cancel-an-order', { text })).json()) as {
      html: string;
      problems: unknown[];
    };
    expect(preview.html).toContain('href="/kb/orders/track-an-order#late-parcels"');
    expect(preview.problems).toEqual([]);
    expect((await call('PUT', '/articles/orders/cancel-an-order', { text, baseVersion: null })).status).toBe(
      201,
    );
    expect((await fetch(`${server.url}/kb/orders/cancel-an-order`)).status).toBe(200);
    // Creating it again is a conflict, never an overwrite.
    expect((await call('PUT', '/articles/orders/cancel-an-order', { text, baseVersion: null })).status).toBe(
      409,
    );
  });

  it('refuses a save that kb:check finds broken, with the reason at its line, and leaves the file alone', async () => {
    const source = (await (await call('GET', '/articles/orders/track-an-order')).json()) as {
      text: string;
      version: string;
    };
    const text = `${source.text}\nSee [nothing](no-such-article.md).\n`;
    const res = await call('PUT', '/articles/orders/track-an-order', { text, baseVersion: source.version });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as {
      error: { code: string; message: string; issues: Array<{ path: string; message: string }> };
    };
    expect(error.code).toBe('validation_failed');
    expect(error.issues[0]?.message).toContain('broken link: no article "orders/no-such-article"');
    expect(error.issues[0]?.path).toMatch(/^line \d+$/);
    expect(await readFile(join(server.kbDir, 'orders/track-an-order.md'), 'utf8')).toBe(source.text);
  });

  it('detects a change on disk since the editor opened the article, and does not overwrite it', async () => {
    const source = (await (await call('GET', '/articles/orders/track-an-order')).json()) as {
      text: string;
      version: string;
    };
    const theirs = source.text.replace('Wait a day.', 'Wait two days.');
    await writeFile(join(server.kbDir, 'orders/track-an-order.md'), theirs);
    const res = await call('PUT', '/articles/orders/track-an-order', {
      text: `${source.text}\nMine.\n`,
      baseVersion: source.version,
    });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('conflict');
    expect(await readFile(join(server.kbDir, 'orders/track-an-order.md'), 'utf8')).toBe(theirs);
  });

  it('is for editors and admins only, and refuses slugs that leave the folder', async () => {
    const agentCookie = (await server.agent('Ann', 'agent')).cookie;
    expect((await call('GET', '/articles', undefined, agentCookie)).status).toBe(403);
    expect((await call('GET', '/articles', undefined, '')).status).toBe(401);
    for (const path of ['/articles/..%2F..%2Fetc%2Fpasswd', '/articles/orders/..', '/articles/Orders/X']) {
      const res = await call('PUT', path, { text: '---\ntitle: x\n---\nx\n', baseVersion: null });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
  });
});
