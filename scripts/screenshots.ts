// `npm run screenshots`: retakes every image in docs/screenshots from a real Parley with demo content.
// Parley runs as a process on a fresh SQLite file (the e2e helpers), a shop site embeds the widget, and
// Debian's Chromium (CHROMIUM_PATH overrides) plays the visitors and the agents. Not part of `npm test`.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContextOptions, chromium, type Page } from '@playwright/test';
import sharp from 'sharp';
import { io, type Socket } from 'socket.io-client';
import type { TrailEntry } from '../server/protocol/dto.ts';
import { PROTOCOL_VERSION } from '../server/protocol/version.ts';
import { signIn } from '../test/e2e/support/console-stage.ts';
import { freePort, removeDir, startHostSite, startParley } from '../test/e2e/support/servers.ts';
import { adminSessionCookie, signInAgent } from '../test/e2e/support/widget-agent.ts';
import { startSmtp } from '../test/support/smtp.ts';

const root = resolve(import.meta.dirname, '..');
const outDir = process.env.SCREENSHOTS_DIR ?? join(root, 'docs', 'screenshots');
/** The shop's own name; Chromium resolves it to the local host site. */
const SHOP = 'http://shop.example';
const only = new Set(process.argv.slice(2));
const wanted = (name: string) => only.size === 0 || only.has(name);

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function shopPage(title: string, heading: string, identity = '', attrs = '') {
  return (parley: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1f2933;background:#fff}
header{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center;padding:16px 32px;border-bottom:1px solid #e4e7eb}
header b{font-size:18px;margin-right:16px} header a{color:#3e4c59;text-decoration:none}
main{padding:32px;max-width:560px} h1{font-size:28px;margin:0 0 8px} p{color:#52606d}
.card{border:1px solid #e4e7eb;border-radius:10px;padding:16px 20px;margin-top:20px}
@media (max-width:480px){header,main{padding:16px}}
</style>
<script>window.Parley=window.Parley||function(){(Parley.q=Parley.q||[]).push(arguments)};${identity}</script>
</head><body><header><b>Northwind Goods</b><a href="/">Shop</a><a href="/delivery">Delivery</a><a href="/orders/1042">Your orders</a></header>
<main><h1>${heading}</h1><p>Everyday goods, delivered across the UK.</p>
<div class="card"><strong>Order 1042</strong><p>Dispatched Monday · Tracking NW-55812</p></div></main>
<script async src="${parley}/widget.js" ${attrs}></script></body></html>`;
}

const graceIdentity = "Parley('identify',{name:'Grace Hopper',email:'grace@example.com'});";
const pages = {
  '/': { html: shopPage('Northwind Goods', 'Northwind Goods') },
  '/delivery': { html: shopPage('Delivery options · Northwind', 'Delivery options', graceIdentity) },
  '/orders/1042': { html: shopPage('Northwind · Order 1042', 'Order 1042', graceIdentity) },
  '/returns': { html: shopPage('Returns · Northwind', 'Returns', graceIdentity) },
  '/ar': {
    html: (parley: string) =>
      shopPage(
        'نورثويند',
        'طلبك رقم 1042',
        '',
        'data-locale="ar" data-position="left"',
      )(parley)
        .replace('<html lang="en">', '<html lang="ar" dir="rtl">')
        .replace('Everyday goods, delivered across the UK.', 'كل ما يلزم بيتك، يصلك أينما كنت.')
        .replace('Dispatched Monday · Tracking NW-55812', 'شُحن يوم الاثنين · رقم التتبع NW-55812')
        .replace(
          '<b>Northwind Goods</b><a href="/">Shop</a><a href="/delivery">Delivery</a><a href="/orders/1042">Your orders</a>',
          '<b>نورثويند</b><a href="/ar">المتجر</a><a href="/ar">طلباتك</a>',
        )
        .replace('<strong>Order 1042</strong>', '<strong>الطلب 1042</strong>'),
  },
};

async function main() {
  mkdirSync(outDir, { recursive: true });
  const hostPort = await freePort();
  // A mail server that accepts everything, so the invite is really emailed.
  const smtp = await startSmtp();
  const parley = await startParley({
    allowedOrigins: [SHOP],
    env: { SMTP_URL: smtp.url },
  });
  const host = await startHostSite(parley.url, pages, hostPort);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', `--host-resolver-rules=MAP shop.example 127.0.0.1:${hostPort}`],
  });
  const sockets: Socket[] = [];
  try {
    await takeAll(browser, parley, sockets);
  } finally {
    for (const s of sockets) s.disconnect();
    await browser.close();
    host.server.close();
    void smtp.close();
    await parley.stop();
    removeDir(parley.dataDir);
  }
}

type Parley = Awaited<ReturnType<typeof startParley>>;

async function takeAll(browser: Browser, parley: Parley, sockets: Socket[]) {
  const api = await adminApi(parley);
  const me = await api<{ agent: { id: string } }>('GET', '/api/auth/me');
  await api('PATCH', `/api/console/agents/${me.agent.id}`, { name: 'Sam Rivera' });
  const team = [
    { name: 'Ben Baker', email: 'ben@northwind.test', role: 'agent' },
    { name: 'Eve Editor', email: 'eve@northwind.test', role: 'editor' },
  ];
  for (const person of team) await api('POST', '/api/console/agents', person);
  // Sam's picture (an illustrated portrait) and the greeting each chat opens with.
  await uploadPicture(parley, samPortrait);
  await api('PUT', '/api/admin/settings', {
    ...(await api<{ widget: object }>('GET', '/api/admin/settings')),
    widget: {
      ...(await api<{ widget: object }>('GET', '/api/admin/settings')).widget,
      chatGreeting: 'Hi! Tell us what’s up and we’ll sort it out. We usually answer within a few minutes.',
    },
  });
  await api('POST', '/api/console/saved-replies', {
    shortcut: 'courier-delay',
    title: 'Courier delay',
    text: 'I am sorry about the wait. I have asked the courier to look into it and will update you here.',
  });
  await api('POST', '/api/console/saved-replies', {
    shortcut: 'refund-time',
    title: 'Refund timing',
    text: 'Refunds reach your card in 5-10 working days after we receive the item.',
  });

  // Two visitors already waiting, each with what they tried before asking; Linus has moved on to another page.
  // Someone is online as they ask (with nobody online, a start with an email is an offline message instead).
  const early = await signInAgent(parley);
  await visitorAsks(parley, sockets, {
    name: 'Linus T.',
    text: 'Can I change the delivery address after ordering?',
    page: { url: `${SHOP}/orders/1038`, title: 'Northwind · Order 1038' },
    seen: [{ url: `${SHOP}/delivery`, title: 'Delivery options · Northwind' }],
    trail: [
      { kind: 'search', query: 'change address', resultCount: 2, at: minutesAgo(4) },
      {
        kind: 'article',
        slug: 'orders/change-delivery-address',
        title: 'Change your delivery address',
        at: minutesAgo(3),
      },
    ],
    locale: 'en-GB',
    timeZone: 'Europe/London',
  });
  await visitorAsks(parley, sockets, {
    name: 'Ada',
    text: 'Do you ship to Norway?',
    page: { url: `${SHOP}/delivery`, title: 'Delivery options · Northwind' },
    seen: [],
    trail: [{ kind: 'search', query: 'norway', resultCount: 0, at: minutesAgo(2) }],
    locale: 'nb-NO',
    timeZone: 'Europe/Oslo',
  });

  // The console, signed in as Sam, open before Grace asks (it marks her messages delivered and read).
  const consolePage = await newPage(browser, `${parley.url}/console`, {
    viewport: { width: 1440, height: 900 },
  });
  await signIn(consolePage, parley.adminEmail, parley.adminPassword);
  await consolePage.getByRole('button', { name: /^Waiting 2/ }).waitFor();
  early.close();

  // Grace: self-service first, then a person.
  const grace = await newPage(browser, `${SHOP}/delivery`, {
    viewport: { width: 1100, height: 760 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  await grace.getByRole('button', { name: 'Open help' }).click();
  const search = grace.getByRole('searchbox', { name: 'Search help articles' });
  await search.fill('parcel late');
  await grace
    .getByRole('button', { name: /^Track your order/ })
    .first()
    .waitFor();
  await grace.goto(`${SHOP}/orders/1042`);
  await grace.getByRole('button', { name: 'Open help' }).click();
  await search.fill('where is my parcel');
  await grace
    .getByRole('button', { name: /^Track your order/ })
    .first()
    .waitFor();
  await settle(grace);
  if (wanted('widget-results')) await shot(grace, 'widget-results');
  await grace
    .getByRole('button', { name: /^Track your order/ })
    .first()
    .click();
  await grace.getByRole('heading', { name: /Track your order/, level: 3 }).waitFor();
  await grace.getByRole('button', { name: 'No', exact: true }).click();
  await grace.getByRole('button', { name: 'Ask a person about this' }).click();
  const box = grace.getByRole('textbox', { name: 'Message' });
  await box.fill('Hi, my parcel was due Tuesday and the tracking has not moved since Monday. Order 1042.');
  await box.press('Enter');

  // Sam claims her from the console and answers; she has moved on to the returns page meanwhile.
  await consolePage
    .getByRole('button', { name: /Grace Hopper/ })
    .first()
    .click();
  await consolePage.getByRole('button', { name: 'Claim' }).click();
  await consolePage.getByRole('button', { name: 'Transfer…' }).waitFor();
  const reply = consolePage.getByRole('textbox', { name: /reply/i });
  await reply.fill('Hi Grace, I am sorry about that. Let me check with the courier.');
  await reply.press('Enter');
  await grace.getByText('Let me check with the courier.').waitFor();
  await grace.goto(`${SHOP}/returns`);
  await grace.getByRole('textbox', { name: 'Message' }).waitFor();
  await grace.getByRole('textbox', { name: 'Message' }).fill('It says "in transit" but nothing since.');
  await grace.getByRole('textbox', { name: 'Message' }).press('Enter');
  await consolePage.getByText('but nothing since').waitFor();
  await grace
    .getByText(/^Read$/)
    .last()
    .waitFor();
  await settle(grace);
  if (wanted('widget-chat')) await shot(grace, 'widget-chat');

  // The conversation with the saved-reply picker open.
  await consolePage.getByText('Seen').first().waitFor();
  await reply.fill('Thanks Grace. /cour');
  await consolePage.getByText('Courier delay').waitFor();
  await settle(consolePage);
  if (wanted('console-conversation')) await shot(consolePage, 'console-conversation');
  await reply.press('Enter');
  await reply.press('Enter');
  await consolePage.getByLabel('Internal note').check();
  await reply.fill('Courier ticket #55812 opened; check again tomorrow.');
  await reply.press('Enter');
  await consolePage.getByLabel('Internal note').uncheck();
  await consolePage.getByRole('button', { name: 'Transfer…' }).click();
  const to = consolePage.getByLabel('Transfer to');
  await to.selectOption((await to.locator('option', { hasText: 'Ben Baker' }).getAttribute('value')) ?? '');
  await consolePage
    .getByLabel('Note for the next agent')
    .fill('Courier ticket is open; Grace prefers email.');
  await settle(consolePage);
  if (wanted('console-transfer')) await shot(consolePage, 'console-transfer');
  await consolePage.keyboard.press('Escape');

  // Sam closes; Grace rates.
  await consolePage.getByRole('button', { name: 'Close', exact: true }).click();
  await grace.getByRole('radio', { name: '5 stars' }).check();
  await grace.getByLabel(/Anything to add/).fill('Quick and kind, thank you!');
  await settle(grace);
  if (wanted('widget-rating')) await shot(grace, 'widget-rating');
  await grace.getByRole('button', { name: 'Send rating' }).click();

  // The tablet: a waiting visitor, with the visitor's details open in the drawer.
  const tablet = await newPage(browser, `${parley.url}/console`, { viewport: { width: 900, height: 1100 } });
  await signIn(tablet, parley.adminEmail, parley.adminPassword);
  await tablet
    .getByRole('button', { name: /Linus T\./ })
    .first()
    .click();
  await tablet.getByRole('button', { name: 'Claim' }).waitFor();
  await tablet.getByRole('button', { name: 'Visitor details' }).click();
  await tablet.getByText('Pages seen').waitFor();
  await settle(tablet);
  if (wanted('console-tablet')) await shot(tablet, 'console-tablet');

  // A phone: the top bar in two rows, its menu open.
  const phoneConsole = await newPage(browser, `${parley.url}/console`, {
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
  });
  await signIn(phoneConsole, parley.adminEmail, parley.adminPassword);
  await phoneConsole
    .getByRole('switch', { name: 'Available for new conversations', disabled: false })
    .waitFor();
  await phoneConsole.getByRole('button', { name: /^Waiting/ }).waitFor();
  await phoneConsole.getByRole('button', { name: 'Menu' }).click();
  await phoneConsole.getByRole('button', { name: 'Sign out' }).waitFor();
  await settle(phoneConsole);
  if (wanted('console-phone')) await shot(phoneConsole, 'console-phone');

  // Widget & routing.
  await api('PUT', '/api/admin/settings', {
    ...(await api<Record<string, unknown>>('GET', '/api/admin/settings')),
    businessHours: {
      timeZone: 'Europe/London',
      open: [1, 2, 3, 4, 5].map((day) => ({ day, from: '08:00', to: '18:00' })),
    },
  });
  await consolePage.getByRole('button', { name: 'Widget & routing' }).click();
  await consolePage.getByRole('heading', { name: 'Widget & routing' }).waitFor();
  await settle(consolePage);
  if (wanted('console-settings')) await shot(consolePage, 'console-settings');
  // Back to always open: the flows below chat live whatever the day the pictures are taken on.
  await api('PUT', '/api/admin/settings', {
    ...(await api<Record<string, unknown>>('GET', '/api/admin/settings')),
    businessHours: null,
  });

  // Reports: the last 7 days, with the conversations and self-service above (workspace time: UTC, no hours set).
  await consolePage.getByRole('button', { name: 'Reports' }).click();
  await consolePage.getByRole('list', { name: 'Headline numbers' }).waitFor();
  await consolePage
    .getByRole('region', { name: 'Conversations per day' })
    .locator('canvas')
    .first()
    .waitFor();
  await settle(consolePage);
  if (wanted('console-reports')) await shot(consolePage, 'console-reports');

  // Agents: an invite just emailed (to the outbox), one more pending.
  await api('POST', '/api/console/invites', { name: 'Ivy Park', email: 'ivy@northwind.test', role: 'agent' });
  await consolePage.getByRole('button', { name: 'Agents', exact: true }).click();
  await consolePage.getByRole('textbox', { name: 'Name' }).fill('Omar Haddad');
  await consolePage.getByRole('textbox', { name: 'Email' }).fill('omar@northwind.test');
  await consolePage.getByLabel('Email the link to them').check();
  await consolePage.getByRole('button', { name: 'Create invite link' }).click();
  const inviteUrl = await consolePage.getByRole('textbox', { name: 'Invite link' }).inputValue();
  await consolePage.getByText('Omar Haddad').first().waitFor();
  await settle(consolePage);
  if (wanted('console-agents')) await shot(consolePage, 'console-agents');

  // Omar opens his invite, then changes his password under Your account.
  const omar = await newPage(browser, inviteUrl, { viewport: { width: 760, height: 760 } });
  await omar.getByRole('heading', { name: /Welcome, Omar Haddad/ }).waitFor();
  await omar.getByLabel('New password').fill('harbour lantern paper');
  await omar.getByLabel('Confirm password').fill('harbour lantern paper');
  await settle(omar);
  if (wanted('console-invite-page')) await shot(omar, 'console-invite-page');
  await omar.getByRole('button', { name: 'Set password and sign in' }).click();
  await omar.setViewportSize({ width: 1280, height: 760 });
  await omar.getByRole('button', { name: 'Omar Haddad' }).click();
  await omar.getByLabel('Current password').fill('harbour lantern paper');
  await omar.getByLabel('New password').fill('quiet orchard morning');
  await omar.getByLabel('Confirm password').fill('quiet orchard morning');
  await omar.getByRole('button', { name: 'Change password' }).click();
  await omar.getByText('Your password is changed').waitFor();
  await settle(omar);
  if (wanted('console-account')) await shot(omar, 'console-account');

  // Otto, added with a one-time password, signs in with it.
  const ottoEmail = 'otto@northwind.test';
  const added = await api<{ password: string }>('POST', '/api/console/agents', {
    name: 'Otto Lindqvist',
    email: ottoEmail,
    role: 'agent',
  });
  const otto = await newPage(browser, `${parley.url}/console`, { viewport: { width: 760, height: 760 } });
  await signIn(otto, ottoEmail, added.password);
  await otto.getByRole('heading', { name: 'Choose your password' }).waitFor();
  await otto.getByLabel('New password').fill('copper kettle winter');
  await settle(otto);
  if (wanted('console-choose-password')) await shot(otto, 'console-choose-password');

  // Arabic: a visitor who talked to Sam, right to left.
  const agent = await signInAgent(parley);
  const rtl = await newPage(browser, `${SHOP}/ar`, { viewport: { width: 900, height: 720 }, locale: 'ar' });
  await rtl.getByRole('button', { name: 'المساعدة' }).or(rtl.locator('button').first()).first().click();
  await rtl.locator('button').filter({ hasText: 'تحدّث مع شخص' }).click();
  const rtlBox = rtl.getByRole('textbox').last();
  await rtlBox.fill('مرحبًا، لم يصل طردي بعد. الطلب رقم 1042.');
  await rtlBox.press('Enter');
  const c = await agent.waitForConversation('طردي');
  await agent.claim(c.id);
  const { messages } = await agent.open(c.id);
  await agent.request('message:read', { conversationId: c.id, seq: Math.max(...messages.map((m) => m.seq)) });
  await agent.say(c.id, 'أهلًا! سأتحقق من شركة الشحن الآن.');
  await rtl.getByText('سأتحقق').waitFor();
  await settle(rtl);
  if (wanted('widget-rtl')) await shot(rtl, 'widget-rtl');
  agent.close();

  // A phone: the help panel fills the screen.
  const phone = await newPage(browser, `${SHOP}/`, {
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 1,
  });
  await phone.getByRole('button', { name: 'Open help' }).click();
  await phone.getByRole('searchbox', { name: 'Search help articles' }).waitFor();
  await settle(phone);
  if (wanted('widget-mobile')) await shot(phone, 'widget-mobile');

  // An article's own page: what a link sent in a chat or an email opens outside the widget.
  const article = await newPage(browser, `${parley.url}/kb/returns/return-an-item`, {
    viewport: { width: 1280, height: 800 },
  });
  await article.getByRole('heading', { level: 1 }).waitFor();
  await settle(article);
  if (wanted('kb-article')) await shot(article, 'kb-article');
}

const samPortrait = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 320 320">
<rect width="320" height="320" fill="#cfe0f3"/>
<path d="M40 320c8-70 56-104 120-104s112 34 120 104z" fill="#27456b"/>
<path d="M136 190h48v40c-8 10-40 10-48 0z" fill="#c98f6a"/>
<circle cx="160" cy="140" r="62" fill="#e2a97e"/>
<path d="M96 134c-4-52 30-80 66-80 40 0 70 26 64 82-10-26-30-42-64-44-30 2-52 16-66 42z" fill="#3b2418"/>
<circle cx="138" cy="146" r="6" fill="#2b1d16"/><circle cx="182" cy="146" r="6" fill="#2b1d16"/>
<path d="M140 174c12 10 28 10 40 0" stroke="#8a4b32" stroke-width="5" fill="none" stroke-linecap="round"/>
</svg>`;

/** Uploads the signed-in admin's picture as a PNG, the way Your account does. */
async function uploadPicture(parley: Parley, svg: string) {
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  const r = await fetch(`${parley.url}/api/console/avatar`, {
    method: 'PUT',
    headers: { 'content-type': 'image/png', origin: parley.url, cookie: await adminSessionCookie(parley) },
    body: new Blob([png]),
  });
  if (!r.ok) throw new Error(`avatar: ${r.status} ${await r.text()}`);
}

async function adminApi(parley: Parley) {
  const cookie = await adminSessionCookie(parley);
  return async <T = unknown>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${parley.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', origin: parley.url, cookie },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return (r.status === 204 ? undefined : await r.json()) as T;
  };
}

/** A visitor asking from the shop the way the widget's chat chunk does, with a trail, then the pages seen since. */
async function visitorAsks(
  parley: Parley,
  sockets: Socket[],
  v: {
    name: string;
    text: string;
    page: { url: string; title: string };
    seen: { url: string; title: string }[];
    trail: TrailEntry[];
    locale: string;
    timeZone: string;
  },
) {
  const context = { ...v.page, locale: v.locale, timeZone: v.timeZone };
  const res = await fetch(`${parley.url}/api/visitor/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SHOP },
    body: JSON.stringify({ context }),
  });
  const { token } = (await res.json()) as { token: string };
  const socket = io(`${parley.url}/visitor`, {
    auth: { token, protocol: PROTOCOL_VERSION },
    extraHeaders: { origin: SHOP },
    transports: ['websocket'],
    forceNew: true,
  });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack = await socket.timeout(5000).emitWithAck('conversation:start', {
    clientId: `demo-${v.name.replace(/\W/g, '')}-${Date.now()}`,
    text: v.text,
    name: v.name,
    email: `${v.name.toLowerCase().replace(/\W/g, '')}@example.com`,
    context,
    trail: v.trail,
  });
  for (const p of v.seen) await socket.timeout(5000).emitWithAck('page:viewed', p);
  return ack.data.conversation.id as string;
}

async function newPage(browser: Browser, url: string, options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Animations, transitions, fonts and the caret done before the picture. */
async function settle(page: Page) {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(outDir, `${name}.png`), animations: 'disabled', caret: 'hide' });
  console.log(`${name}.png`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
