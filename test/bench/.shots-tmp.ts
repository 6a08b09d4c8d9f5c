import { chromium } from '@playwright/test';
import { io } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import { removeDir, startParley } from '../e2e/support/servers.ts';

const SHOP = 'http://shop.test';
const parley = await startParley({ allowedOrigins: [SHOP], env: { LOG_LEVEL: 'warn' } });
const ago = (m: number) => new Date(Date.now() - m * 60000).toISOString();
async function visitor(name: string, email: string, text: string, trail: unknown[], url: string, tz: string) {
  const res = await fetch(`${parley.url}/api/visitor/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SHOP },
    body: JSON.stringify({ context: { url, title: 'Northwind · Order 1042', locale: 'en-GB', timeZone: tz, userAgent: 'Mozilla/5.0 (Macintosh) Chrome/126' } }),
  });
  const { token } = (await res.json()) as { token: string };
  const s = io(`${parley.url}/visitor`, { auth: { token, protocol: PROTOCOL_VERSION }, extraHeaders: { origin: SHOP }, transports: ['websocket'], forceNew: true });
  await new Promise((r) => s.once('connect', r));
  const ack = await s.timeout(5000).emitWithAck('conversation:start', { clientId: `shot-${name.replace(/\W/g, "")}-${Date.now()}`, text, name, email, trail });
  if (!ack.ok) throw new Error(JSON.stringify(ack.error));
  return { s, id: ack.data.conversation.id as string };
}
const grace = await visitor('Grace Hopper', 'grace@example.com', 'Hi, my parcel was due Tuesday and the tracking has not moved since Monday. Order 1042.', [
  { kind: 'search', query: 'parcel late', resultCount: 3, at: ago(6) },
  { kind: 'article', slug: 'orders/track-your-order', title: 'Track your order', at: ago(5) },
  { kind: 'vote', slug: 'orders/track-your-order', helpful: false, at: ago(4) },
  { kind: 'search', query: 'courier phone number', resultCount: 0, at: ago(3) },
], 'https://shop.example/orders/1042', 'Europe/London');
await visitor('Linus T.', 'linus@example.org', 'Can I change the delivery address after ordering?', [], 'https://shop.example/checkout', 'Europe/Helsinki');
await visitor('Ada', 'ada@example.net', 'Do you ship to Norway?', [], 'https://shop.example/shipping', 'Europe/Oslo');

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
const shot = (n: string) => page.screenshot({ path: `/tmp/shots/${n}.png` });
await page.goto(`${parley.url}/console`);
await page.getByLabel('Email').fill(parley.adminEmail);
await shot('01-signin');
await page.getByLabel('Password').fill(parley.adminPassword);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByRole('button', { name: /Grace/ }).waitFor();
await shot('02-inbox');
// saved replies
await page.getByRole('button', { name: 'Saved replies' }).click();
for (const [k, t, x] of [['shipping-time', 'Shipping time', 'Orders ship within 2 working days; you get a tracking link by email.'], ['refund-time', 'Refund timing', 'Refunds reach your card in 5-10 working days after we receive the item.'], ['courier-delay', 'Courier delay', 'I am sorry about the wait. I have asked the courier to look into it and will update you here.']]) {
  await page.getByLabel('Shortcut', { exact: true }).fill(k!);
  await page.getByLabel('Title', { exact: true }).fill(t!);
  await page.getByLabel('Text', { exact: true }).fill(x!);
  await page.getByRole('button', { name: 'Add saved reply' }).click();
  await page.getByText(x!).waitFor();
}
await shot('03-saved-replies');
await page.getByRole('button', { name: 'Inbox' }).click();
await page.getByRole('button', { name: /Grace/ }).click();
await page.getByRole('button', { name: 'Claim' }).click();
await page.getByText('· with you').waitFor();
await grace.s.timeout(5000).emitWithAck('message:send', { conversationId: grace.id, clientId: `g2-${Date.now()}`, text: 'It says "in transit" but nothing since.' });
const box = page.getByRole('textbox', { name: 'Reply' });
await box.click();
await box.pressSequentially('Thanks Grace. /cour');
await page.getByRole('option').first().waitFor();
await shot('04-conversation-picker');
await box.press('Enter');
await box.press('Enter');
await page.getByRole('checkbox', { name: 'Internal note' }).check();
await box.fill('Courier ticket #55812 opened; check again tomorrow.');
await box.press('Enter');
await page.getByRole('checkbox', { name: 'Internal note' }).uncheck();
await page.getByRole('button', { name: 'Insert article' }).click();
await page.getByRole('searchbox', { name: 'Search articles' }).fill('track order');
await page.getByRole('button', { name: /Insert link to/ }).first().waitFor();
await shot('05-article-insert');
await page.getByRole('button', { name: 'Done' }).click();
await page.getByRole('button', { name: 'Transfer…' }).click();
await shot('06-transfer');
await page.getByRole('button', { name: 'Cancel' }).click();
await page.getByRole('button', { name: 'Notifications' }).click();
await shot('07-notifications');
await page.getByRole('button', { name: 'Close' }).first().click();
await page.keyboard.press('?');
await shot('08-shortcuts');
await page.keyboard.press('Escape');
await page.getByRole('button', { name: 'Agents' }).click();
await page.getByLabel('Name', { exact: true }).fill('Ben Baker');
await page.getByLabel('Email', { exact: true }).fill('ben@northwind.test');
await page.getByRole('button', { name: 'Create account' }).click();
await page.locator('code.secret').waitFor();
await shot('09-agents');
await page.getByRole('button', { name: 'Widget & routing' }).click();
await page.getByLabel('Greeting').waitFor();
await page.getByRole('checkbox', { name: /business hours/ }).check();
await shot('10-settings');
await page.getByRole('button', { name: 'Content gaps' }).click();
await page.getByText(/Searches with no result/).waitFor();
await shot('11-gaps');
await page.getByRole('button', { name: 'Inbox' }).click();
await page.setViewportSize({ width: 900, height: 1100 });
await page.getByRole('button', { name: /Linus/ }).click();
await page.getByRole('button', { name: 'Claim' }).waitFor();
await shot('12-tablet');
await browser.close();
await parley.stop();
removeDir(parley.dataDir);
