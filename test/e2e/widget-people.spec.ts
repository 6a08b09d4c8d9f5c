import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { freePort, type ParleyProcess, removeDir, startHostSite, startParley } from './support/servers.ts';
import { adminSessionCookie, signInAgent, type TestAgent } from './support/widget-agent.ts';

/** Quoted-printable soft breaks undone, so a long link reads whole. */
const plain = (body: string) => body.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

let smtp: TestSmtp;
let parley: ParleyProcess;
let host: Awaited<ReturnType<typeof startHostSite>>;
let agent: TestAgent;

test.beforeAll(async () => {
  smtp = await startSmtp();
  const hostPort = await freePort();
  parley = await startParley({
    allowedOrigins: [`http://localhost:${hostPort}`],
    env: { SMTP_URL: smtp.url, PARLEY_ADMIN_NAME: 'Grace Hopper' },
  });
  host = await startHostSite(parley.url, {}, hostPort);
  const cookie = await adminSessionCookie(parley);
  const headers = { cookie, origin: parley.url };
  // Grace uploads her photo and sets the workspace's greeting, as she would in the console.
  const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#0f766e' } })
    .jpeg()
    .toBuffer();
  const up = await fetch(`${parley.url}/api/console/avatar`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'image/jpeg' },
    body: new Blob([photo]),
  });
  expect(up.status).toBe(200);
  const settings = await (await fetch(`${parley.url}/api/admin/settings`, { headers })).json();
  settings.widget.chatGreeting = 'Hi! I’m Grace. Tell me what happened and I’ll sort it out.';
  const put = await fetch(`${parley.url}/api/admin/settings`, {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  expect(put.status).toBe(200);
  agent = await signInAgent(parley);
});
test.afterAll(async () => {
  agent?.close();
  await parley?.stop();
  host?.server.close();
  await smtp?.close();
  if (parley) removeDir(parley.dataDir);
});

test('the widget shows the people, greets, and emails the chat once its address is confirmed', async ({
  page,
}) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Open help' }).click();
  // The header: Grace's face (her picture, loaded) and an honest word on who is there.
  const face = page.locator('.header .faces .avatar img');
  await expect(face).toHaveCount(1);
  await expect
    .poll(() => face.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(160);
  await expect(page.locator('.header-line')).toHaveText(/Grace is online\.|Expected wait/);

  await page.getByRole('button', { name: 'Talk to a person' }).click();
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log.getByText('Tell me what happened and I’ll sort it out.')).toBeVisible();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('The lamp arrived broken');
  await box.press('Enter');
  const created = await agent.waitForConversation('The lamp arrived broken');
  await agent.claim(created.id);
  await agent.say(created.id, 'Sorry about that! A new one ships today.');
  const reply = log.locator('li.msg-theirs').filter({ hasText: 'A new one ships today.' });
  await expect(reply.locator('.avatar img')).toHaveAttribute('src', /\/api\/avatars\/.+\.webp$/);

  await agent.request('conversation:close', { conversationId: created.id });
  await page.getByRole('button', { name: 'Email me this conversation' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill('lamp.owner@example.com');
  const confirmation = smtp.next();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(
    page.getByText(/Almost done: open the link we sent to lamp\.owner@example\.com/),
  ).toBeVisible();

  const link = plain((await confirmation).body).match(/http:\/\/\S+\/transcript\/confirm\?token=[\w-]+/)?.[0];
  expect(link).toBeDefined();
  const transcript = smtp.next();
  await page.goto(link as string);
  await page.getByRole('button', { name: 'Send the transcript' }).click();
  await expect(page.getByRole('heading', { name: 'Transcript sent' })).toBeVisible();
  const mail = plain((await transcript).body);
  expect((await transcript).to).toEqual(['lamp.owner@example.com']);
  expect(mail).toContain('You: The lamp arrived broken');
  expect(mail).toContain('Grace Hopper: Sorry about that! A new one ships today.');
});
