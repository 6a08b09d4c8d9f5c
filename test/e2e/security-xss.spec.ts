import { expect, type Page, test } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import type { VisitorClientEvents, VisitorServerEvents } from '../../server/protocol/events.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import { request } from '../support/request.ts';
import { signIn } from './support/console-stage.ts';
import { adminSessionCookie, signInAgent, type TestAgent } from './support/widget-agent.ts';
import { startChat, startWidgetSite, type WidgetSite } from './support/widget-site.ts';

/**
 * Script in every field a visitor or an agent controls, rendered by a real browser: nothing runs (a dialog
 * listener and a canary global watch), everything shows as text, and names are bidi-isolated.
 */
const XSS = `<img src=x onerror="window.__pwned=1;alert('xss')"><script>window.__pwned=1;alert('xss')</script>`;
const RLO = '\u202E';

let site: WidgetSite;
let agent: TestAgent;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  site = await startWidgetSite();
  agent = await signInAgent(site.parley);
});
test.afterAll(async () => {
  agent?.close();
  await site?.stop();
});

function watch(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

/** A visitor from the customer's site whose every field carries script, the way a raw client sends them. */
async function hostileVisitor(name: string) {
  const origin = `http://localhost:${site.hostPort}`;
  const res = await fetch(`${site.parley.url}/api/visitor/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ context: { title: XSS, referrer: XSS } }),
  });
  expect(res.status).toBe(201);
  const { token } = (await res.json()) as { token: string };
  const socket: Socket<VisitorServerEvents, VisitorClientEvents> = io(`${site.parley.url}/visitor`, {
    auth: { token, protocol: PROTOCOL_VERSION },
    extraHeaders: { origin },
    transports: ['websocket'],
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const at = new Date().toISOString();
  const ack = await request(socket, 'conversation:start', {
    clientId: `xss-${Date.now()}`,
    text: `Hi ${XSS}`,
    name,
    context: { url: 'https://shop.example/a"><script>alert(2)</script>', title: XSS, locale: 'en' },
    trail: [
      { kind: 'search', query: XSS, resultCount: 0, at },
      { kind: 'article', slug: XSS, title: XSS, at },
    ],
  });
  expect(ack.ok).toBe(true);
  await request(socket, 'page:viewed', { url: 'https://shop.example/p', title: XSS });
  return socket;
}

test('the console shows a hostile visitor’s every field as text, runs none of it, and isolates their name', async ({
  browser,
}) => {
  const name = `${RLO}Eve ${XSS}`;
  const socket = await hostileVisitor(name);
  const page = await (await browser.newContext({ viewport: { width: 1360, height: 860 } })).newPage();
  const dialogs = watch(page);
  await page.goto(`${site.parley.url}/console`);
  await signIn(page, site.parley.adminEmail, site.parley.adminPassword);
  await page.getByRole('button', { name: /Eve/ }).first().click();

  await expect(page.getByText(`Hi ${XSS}`).first()).toBeVisible();
  await expect(page.getByRole('heading', { name: /Eve/, level: 2 }).first()).toBeVisible();
  // Every place the name shows, it sits in its own bidi isolate.
  const names = page.locator('bdi', { hasText: 'Eve' });
  await expect(names.first()).toBeVisible();
  expect(await names.count()).toBeGreaterThanOrEqual(2);
  // A non-http page address is never a link.
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
  socket.disconnect();
});

test('the widget shows an agent’s hostile reply as text and runs none of it', async ({ page }) => {
  const dialogs = watch(page);
  await page.goto(site.host.url);
  await startChat(page, 'Is this safe?');
  const c = await agent.waitForConversation('Is this safe?');
  await agent.claim(c.id);
  await agent.say(c.id, `Reply ${XSS}`);
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log.getByText(`Reply ${XSS}`)).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test('words an admin sets (the greeting, their own name) show as text on the customer’s site', async ({
  page,
}) => {
  const cookie = await adminSessionCookie(site.parley);
  const headers = { cookie, origin: site.parley.url, 'content-type': 'application/json' };
  const base = site.parley.url;
  const current = (await (await fetch(`${base}/api/admin/settings`, { headers })).json()) as {
    widget: Record<string, unknown>;
  };
  const greeting = `Hi ${XSS}`.slice(0, 200);
  const saved = await fetch(`${base}/api/admin/settings`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ ...current, widget: { ...current.widget, greeting } }),
  });
  expect(saved.status).toBe(200);
  const name = `Ann <img src=x onerror="alert('name')">`;
  expect(
    (await fetch(`${base}/api/console/me`, { method: 'PATCH', headers, body: JSON.stringify({ name }) }))
      .status,
  ).toBe(200);

  const dialogs = watch(page);
  await page.goto(site.host.url);
  await page.getByRole('button', { name: 'Open help' }).click();
  await expect(page.getByText(greeting)).toBeVisible();
  await page.getByRole('button', { name: 'Talk to a person' }).click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('Who answers?');
  await box.press('Enter');
  const c = await agent.waitForConversation('Who answers?');
  await agent.claim(c.id);
  await agent.say(c.id, 'Me.');
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log.getByText('Me.')).toBeVisible();
  await expect(page.getByText(name, { exact: false }).first()).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
