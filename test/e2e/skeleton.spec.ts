import { expect, test } from '@playwright/test';
import { freePort, type ParleyProcess, removeDir, startHostSite, startParley } from './support/servers.ts';

let parley: ParleyProcess;
let host: Awaited<ReturnType<typeof startHostSite>>;

test.beforeAll(async () => {
  // The host page is on another origin than Parley, as on a customer's site.
  const hostPort = await freePort();
  parley = await startParley({ allowedOrigins: [`http://localhost:${hostPort}`] });
  host = await startHostSite(parley.url, {}, hostPort);
});

test.afterAll(async () => {
  await parley?.stop();
  host?.server.close();
  if (parley) removeDir(parley.dataDir);
});

test('a visitor on another site searches, asks a person, and an agent answers live', async ({ browser }) => {
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const loaded: string[] = [];
  visitor.on('request', (r) => loaded.push(r.url()));
  await visitor.goto(host.url);

  const launcher = visitor.getByRole('button', { name: /open help/i });
  await expect(launcher).toBeVisible();
  // Nothing but the loader before the visitor shows intent.
  expect(loaded.filter((u) => u.startsWith(parley.url) && u.endsWith('.js'))).toEqual([
    `${parley.url}/widget.js`,
  ]);

  await launcher.click();
  const search = visitor.getByRole('searchbox', { name: /search help articles/i });
  await expect(search).toBeFocused();
  await search.fill('where is my parcel');
  await expect(visitor.getByRole('button', { name: /^Track your order/ }).first()).toBeVisible();

  // An agent is signed in, so the widget offers a live chat (with nobody online it offers the email form).
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await agent.goto(`${parley.url}/console`);
  await agent.getByLabel('Email').fill(parley.adminEmail);
  await agent.getByLabel('Password').fill(parley.adminPassword);
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await expect
    .poll(async () => (await (await fetch(`${parley.url}/api/visitor/availability`)).json()).agentsOnline)
    .toBe(1);
  await visitor.getByRole('button', { name: 'Talk to a person' }).click();
  const message = visitor.getByRole('textbox', { name: 'Message' });
  await message.fill('My parcel has not arrived yet');
  await message.press('Enter');
  await expect(visitor.getByText('My parcel has not arrived yet')).toBeVisible();

  const waiting = agent.getByText('My parcel has not arrived yet').first();
  await expect(waiting).toBeVisible();
  await waiting.click();
  await agent.getByRole('button', { name: /^claim/i }).click();
  const reply = agent.getByRole('textbox', { name: 'Reply' });
  await reply.fill('It left our warehouse this morning.');
  await reply.press('Enter');

  await expect(visitor.getByText('It left our warehouse this morning.')).toBeVisible();

  // Reloading the host page brings the open panel and the conversation back.
  await visitor.reload();
  await expect(visitor.getByRole('button', { name: /open help/i })).toHaveAttribute('aria-expanded', 'true');
  await expect(visitor.getByText('It left our warehouse this morning.')).toBeVisible();
  await expect(visitor.getByText('My parcel has not arrived yet')).toBeVisible();

  await visitorContext.close();
  await agentContext.close();
});
