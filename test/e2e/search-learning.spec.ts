import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { signIn } from './support/console-stage.ts';
import { freePort, type ParleyProcess, removeDir, startHostSite, startParley } from './support/servers.ts';

// Parley on a copy of the shipped knowledge base: "Answer with an article" writes into its files.
let parley: ParleyProcess;
let host: { url: string; server: Server };
let kbDir: string;
test.beforeAll(async () => {
  kbDir = mkdtempSync(join(tmpdir(), 'parley-e2e-kb-'));
  cpSync(resolve(import.meta.dirname, '..', '..', 'knowledge-base'), kbDir, { recursive: true });
  const hostPort = await freePort();
  parley = await startParley({ allowedOrigins: [`http://localhost:${hostPort}`], env: { KB_DIR: kbDir } });
  host = await startHostSite(parley.url, {}, hostPort);
});
test.afterAll(async () => {
  host?.server.close();
  await parley?.stop();
  removeDir(parley.dataDir);
  removeDir(kbDir);
});

/** Each visitor is a browser context of their own: their own tab, their own session. */
async function visitor(browser: Browser, query: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Open help' }).click();
  await page.getByRole('searchbox', { name: 'Search help articles' }).fill(query);
  await expect(page.locator('.results button.item').first()).toBeVisible();
  return page;
}

/** The first three results the visitor sees, answers then related ones, as button names. */
const topThree = async (page: Page) =>
  (await page.locator('.results button.item').allInnerTexts())
    .slice(0, 3)
    .map((t) => t.split('\n')[0]?.split(' › ')[0]);

test('three visitors find an article helpful for a search; the fourth sees it in the top 3', async ({
  browser,
}) => {
  const first = await visitor(browser, 'parcel');
  expect(await topThree(first)).not.toContain('Track your order');
  for (let i = 0; i < 3; i++) {
    const page = i === 0 ? first : await visitor(browser, 'parcel');
    await page
      .getByRole('button', { name: /^Track your order/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { name: /Track your order/, level: 3 })).toBeVisible();
    const learned = page.waitForResponse((r) => r.url().endsWith('/api/kb/signals') && r.status() === 202);
    await page.getByRole('button', { name: 'Yes', exact: true }).click();
    await learned;
    await page.context().close();
  }
  const fourth = await visitor(browser, 'parcel');
  await expect.poll(() => topThree(fourth)).toContain('Track your order');
});

test('an editor answers an unanswered search with an article in one step', async ({ browser, page }) => {
  const query = 'do you assemble wardrobes';
  // A visitor's search that nothing answers shows up in Content gaps.
  const asker = await visitor(browser, 'parcel');
  const events = asker.waitForResponse((r) => r.url().endsWith('/api/visitor/events'));
  await asker.getByRole('searchbox', { name: 'Search help articles' }).fill(query);
  await events;
  await asker.context().close();

  await page.goto(`${parley.url}/console`);
  await signIn(page, parley.adminEmail, parley.adminPassword);
  await page.getByRole('button', { name: 'Content gaps' }).click();
  const row = page.getByRole('row', { name: new RegExp(query) });
  await row.getByRole('button', { name: 'Answer with an article' }).click();
  await row.getByRole('searchbox').fill('delivery options');
  await row.getByRole('button', { name: 'Delivery options and times' }).click();
  await expect(row.getByRole('status')).toHaveText('Answered with Delivery options and times');
  // The answer is the article's own knowledge, in its Markdown file.
  expect(readFileSync(join(kbDir, 'shipping', 'delivery-options-and-times.md'), 'utf8')).toContain(
    `questions:\n  - ${query}`,
  );
  const next = await visitor(browser, 'Do you assemble a wardrobe?');
  await expect.poll(() => topThree(next)).toContain('Delivery options and times');
});
