import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKbApi } from '../../widget/app/api.ts';
import { startKbServer } from '../support/kb-server.ts';

/** Old article URLs keep working after a rename or a move: links in past chats, emails and search engines. */
describe('former article URLs (front matter aliases)', () => {
  let server: Awaited<ReturnType<typeof startKbServer>>;
  let cookie: string;

  beforeAll(async () => {
    server = await startKbServer({
      'orders/track-an-order.md':
        '---\ntitle: Track an order\naliases:\n  - orders/where-is-my-parcel\n  - tracking\n---\nUse the tracking link.\n',
      'es/orders/track-an-order.md': '---\ntitle: Seguir un pedido\n---\nUse el enlace.\n',
      'orders/cancel.md': '---\ntitle: Cancel an order\n---\nPress cancel.\n',
      'returns/start.md': '---\ntitle: Start a return\n---\nSee [cancelling](/orders/cancel.md).\n',
    });
    cookie = (await server.agent('Edith Editor', 'editor')).cookie;
  });
  afterAll(async () => {
    await server.close();
  });

  const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/api/admin/kb${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json', origin: server.url },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const versionOf = async (slug: string) =>
    ((await (await admin('GET', `/articles/${slug}`)).json()) as { version: string }).version;

  it('answers a former URL with a permanent redirect to the current one, query string kept', async () => {
    const res = await get('/kb/orders/where-is-my-parcel?utm_source=mail&x=%2F%2Fevil.example');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(
      '/kb/orders/track-an-order?utm_source=mail&x=%2F%2Fevil.example',
    );
    // Not kept by browsers for good: the slug may become an article's own again (a move back).
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect((await get('/kb/tracking')).headers.get('location')).toBe('/kb/orders/track-an-order');
    // Followed, it lands on the article, whose canonical URL is the current one.
    const page = await fetch(`${server.url}/kb/tracking`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<link rel="canonical" href="[^"]*\/kb\/orders\/track-an-order"/);
  });

  it('keeps the language: /kb/es/<old> leads to /kb/es/<current>', async () => {
    const res = await get('/kb/es/orders/where-is-my-parcel');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/kb/es/orders/track-an-order');
  });

  it('is no open redirect: anything that is not a known former slug is the usual 404', async () => {
    for (const path of [
      '/kb//evil.example',
      '/kb/%2F%2Fevil.example',
      '/kb/orders/nothing-here',
      '/kb/Tracking',
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('location'), path).toBeNull();
    }
  });

  it('the article API answers a former slug with the article under its current slug, as the widget reads it', async () => {
    const res = await get('/api/kb/articles/orders/where-is-my-parcel');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ slug: 'orders/track-an-order', title: 'Track an order' });
    // The widget's own client, over HTTP: a link from a past chat opens the article.
    const widget = createKbApi(`${server.url}/`, fetch, 'es');
    const article = await widget.article('tracking', undefined);
    expect(article).toMatchObject({ slug: 'orders/track-an-order', title: 'Seguir un pedido', locale: 'es' });
  });

  it('the sitemap lists only current URLs', async () => {
    const xml = await (await get('/sitemap.xml')).text();
    expect(xml).toContain('/kb/orders/track-an-order</loc>');
    expect(xml).not.toContain('where-is-my-parcel');
    expect(xml).not.toContain('/kb/tracking<');
  });

  it('a move writes the old slug into aliases, and the old URL then redirects', async () => {
    const res = await admin('POST', '/move', {
      from: 'orders/cancel',
      to: 'account/cancel-an-order',
      baseVersion: await versionOf('orders/cancel'),
    });
    expect(res.status).toBe(200);
    expect(await readFile(join(server.kbDir, 'account/cancel-an-order.md'), 'utf8')).toBe(
      '---\ntitle: Cancel an order\naliases:\n  - orders/cancel\n---\nPress cancel.\n',
    );
    const old = await get('/kb/orders/cancel?ref=chat');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/kb/account/cancel-an-order?ref=chat');
    // Moved again, both former slugs are kept; moved back onto one, it leaves the list.
    await admin('POST', '/move', {
      from: 'account/cancel-an-order',
      to: 'account/cancel',
      baseVersion: await versionOf('account/cancel-an-order'),
    });
    expect((await get('/kb/orders/cancel')).headers.get('location')).toBe('/kb/account/cancel');
    const back = await admin('POST', '/move', {
      from: 'account/cancel',
      to: 'orders/cancel',
      baseVersion: await versionOf('account/cancel'),
    });
    expect(back.status).toBe(200);
    expect(await readFile(join(server.kbDir, 'orders/cancel.md'), 'utf8')).toBe(
      '---\ntitle: Cancel an order\naliases:\n  - account/cancel-an-order\n  - account/cancel\n---\nPress cancel.\n',
    );
    expect((await get('/kb/orders/cancel')).status).toBe(200);
    expect((await get('/kb/account/cancel')).headers.get('location')).toBe('/kb/orders/cancel');
  });

  it('refuses a move onto another article’s former slug, and a save that claims another article’s slug', async () => {
    const onto = await admin('POST', '/move', {
      from: 'returns/start',
      to: 'tracking',
      baseVersion: await versionOf('returns/start'),
    });
    expect(onto.status).toBe(400);
    const { error } = (await onto.json()) as { error: { message: string } };
    expect(error.message).toContain('alias "tracking" is the slug of another article');
    expect(error.message).toContain('orders/track-an-order.md line');
    const text = '---\ntitle: Start a return\naliases: [orders/cancel]\n---\nBody.\n';
    const save = await admin('PUT', '/articles/returns/start', {
      text,
      baseVersion: await versionOf('returns/start'),
    });
    expect(save.status).toBe(400);
    expect(((await save.json()) as { error: { message: string } }).error.message).toBe(
      'Not saved: alias "orders/cancel" is the slug of another article (orders/cancel.md); ignored (line 3)',
    );
    // A new article at another article's former slug would silently take its old URL: refused, naming the alias.
    const create = await admin('PUT', '/articles/tracking', {
      text: '---\ntitle: Tracking\n---\nNew.\n',
      baseVersion: null,
    });
    expect(create.status).toBe(400);
    expect(((await create.json()) as { error: { message: string } }).error.message).toBe(
      'Not saved: alias "tracking" is the slug of another article (tracking.md); ignored (orders/track-an-order.md line 5)',
    );
  });
});
