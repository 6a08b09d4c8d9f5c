import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { checkConsole } from './support/console-axe.ts';
import { signIn } from './support/console-stage.ts';
import { type ParleyProcess, removeDir, startParley } from './support/servers.ts';

/**
 * An editor writes an article in the console, with its live preview, and a visitor finds it at once in the
 * widget and on the help centre. The knowledge base is a git repository: each save is a commit by the editor.
 */
const KB = mkdtempSync(join(tmpdir(), 'parley-kb-editor-'));
const git = (...args: string[]) => execFileSync('git', args, { cwd: KB, encoding: 'utf8' });
let parley: ParleyProcess;
let page: Page;

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

test.beforeAll(async ({ browser }) => {
  cpSync(resolve(import.meta.dirname, '../../knowledge-base'), KB, { recursive: true });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '.');
  git('-c', 'user.name=Setup', '-c', 'user.email=setup@example.com', 'commit', '--quiet', '-m', 'Start');
  parley = await startParley({ allowedOrigins: [], env: { KB_DIR: KB } });
  // An admin makes an editor account (the existing role); the editor chooses a password and lands on Articles.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await adminPage.goto(`${parley.url}/console`);
  await signIn(adminPage, parley.adminEmail, parley.adminPassword);
  await expect(adminPage.getByRole('button', { name: 'Inbox', exact: true })).toBeVisible();
  const created = await adminPage.request.post(`${parley.url}/api/console/agents`, {
    headers: { origin: parley.url },
    data: { email: 'erin@northwind.test', name: 'Erin Editor', role: 'editor' },
  });
  const { password } = (await created.json()) as { password: string };
  await admin.close();
  page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  await page.goto(`${parley.url}/console`);
  await signIn(page, 'erin@northwind.test', password);
  await page.getByLabel('New password').fill('copper window garden');
  await page.getByLabel('Confirm password').fill('copper window garden');
  await page.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Articles', level: 1 })).toBeVisible();
});
test.afterAll(async () => {
  await parley?.stop();
  if (parley) removeDir(parley.dataDir);
  removeDir(KB);
});

test('an editor creates an article with a live preview, and visitors find it in the widget and on /help', async ({
  browser,
}) => {
  await page.getByRole('button', { name: 'Articles', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Articles', level: 1 })).toBeVisible();
  const list = page.getByRole('navigation', { name: 'Articles' });
  await expect(list.getByRole('button', { name: /Track your order/ })).toContainText('Published');
  // The shipped articles pass kb:check, Spanish translations included: the screen judges them the same way.
  await expect(list.getByRole('button', { name: /Seguir tu pedido/ })).toContainText('Published');
  await expect(list.getByText('Broken', { exact: true })).toHaveCount(0);
  await checkConsole(page, 'editor-list');

  await page.getByRole('button', { name: 'New article' }).click();
  const dialog = page.getByRole('dialog', { name: 'New article' });
  await dialog.getByLabel('Title').fill('Gift wrapping');
  await dialog.getByLabel('Folder').fill('orders');
  await expect(dialog.getByText('/kb/orders/gift-wrapping')).toBeVisible();
  await dialog.getByRole('button', { name: 'Create draft' }).click();
  await expect(list.getByRole('button', { name: /Gift wrapping/ })).toContainText('Draft');

  const body = page.getByLabel('Article (Markdown)');
  await body.fill(
    'We wrap any order as a gift for £2, in recycled paper.\n\n## Add a message\n\nWrite it in the **gift note** box at checkout. See [tracking](track-your-order.md).\n',
  );
  await page.getByLabel('Description').fill('Wrap an order as a present, with a note.');
  await page.getByLabel('Keywords').fill('present, gift note');
  // The preview is the server's render, as visitors get it: bold, headings, and links to article pages.
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.locator('strong', { hasText: 'gift note' })).toBeVisible();
  await expect(preview.getByRole('link', { name: 'tracking' })).toHaveAttribute(
    'href',
    '/kb/orders/track-your-order',
  );
  // A broken link is shown at its line, and the save is refused with the same reason.
  await body.press('End');
  await body.pressSequentially('\nSee [nowhere](no-such-page.md).');
  await expect(preview.getByRole('list', { name: 'Problems' })).toContainText('broken link');
  await page.getByLabel('Draft: not shown to visitors yet').uncheck();
  await page.keyboard.press('Control+s');
  await expect(page.getByRole('alert')).toContainText('Not saved: broken link');
  await body.fill(
    'We wrap any order as a gift for £2, in recycled paper.\n\n## Add a message\n\nWrite it in the **gift note** box at checkout. See [tracking](track-your-order.md).\n',
  );
  await expect(preview.getByRole('list', { name: 'Problems' })).toHaveCount(0);
  await checkConsole(page, 'editor-article');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved. Visitors see it now.')).toBeVisible();
  await expect(list.getByRole('button', { name: /Gift wrapping/ })).toContainText('Published');
  await checkConsole(page, 'editor-saved');

  // The file on disk is the Markdown the editor wrote, committed by the editor.
  const file = readFileSync(join(KB, 'orders/gift-wrapping.md'), 'utf8');
  expect(file).toContain('keywords: [present, gift note]');
  expect(file).not.toContain('draft');
  expect(git('log', '-1', '--format=%an|%s').trim()).toBe('Erin Editor|Edit orders/gift-wrapping.md');

  // A visitor: the help centre, its search, and the widget's search all have it.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${parley.url}/kb/orders/gift-wrapping`);
  await expect(visitor.getByRole('heading', { name: 'Gift wrapping', level: 1 })).toBeVisible();
  await expect(visitor.locator('strong', { hasText: 'gift note' })).toBeVisible();
  await visitor.goto(`${parley.url}/help/search?q=gift+wrapping`);
  await expect(visitor.getByRole('link', { name: /Gift wrapping/ }).first()).toBeVisible();
  await visitor.goto(`${parley.url}/demo`);
  await visitor.getByRole('button', { name: 'Open help' }).click();
  await visitor.getByRole('searchbox', { name: 'Search help articles' }).fill('gift wrapping');
  await visitor
    .getByRole('button', { name: /^Gift wrapping/ })
    .first()
    .click();
  await expect(visitor.getByRole('heading', { name: 'Gift wrapping', level: 3 })).toBeVisible();
  await visitor.context().close();
});

test('a change on disk while editing is shown as a merge, never overwritten; history restores a version', async () => {
  const body = page.getByLabel('Article (Markdown)');
  await body.press('End');
  await body.pressSequentially('\nMine: gift boxes too.');
  const onDisk = join(KB, 'orders/gift-wrapping.md');
  writeFileSync(onDisk, readFileSync(onDisk, 'utf8').replace('£2', '£3'));
  await page.keyboard.press('Control+s');
  const conflict = page.getByRole('region', { name: 'This article changed while you were editing' });
  await expect(conflict).toBeVisible();
  await expect(conflict.getByRole('region', { name: 'Their version compared with yours' })).toContainText(
    '£3',
  );
  expect(readFileSync(onDisk, 'utf8')).toContain('£3');
  await checkConsole(page, 'editor-conflict');
  await conflict.getByRole('button', { name: 'Keep mine and merge' }).click();
  await body.fill((await body.inputValue()).replace('£2', '£3'));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved. Visitors see it now.')).toBeVisible();
  expect(readFileSync(onDisk, 'utf8')).toMatch(/£3[\s\S]*Mine: gift boxes too\./);

  // Unsaved changes are not lost by opening another article without asking.
  await body.press('End');
  await body.pressSequentially('\nUnsaved.');
  await page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button', { name: /Track your order/ })
    .click();
  const discard = page.getByRole('dialog', { name: 'Discard your changes?' });
  await expect(discard).toBeVisible();
  await discard.getByRole('button', { name: 'Cancel' }).click();
  await expect(body).toHaveValue(/Unsaved\.$/);
  await body.fill((await body.inputValue()).replace('\nUnsaved.', ''));

  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = page.getByRole('region', { name: 'History', exact: true });
  // Created as a draft, written, then merged: three commits.
  await expect(history.getByRole('listitem')).toHaveCount(3);
  await expect(history.getByRole('listitem').first()).toContainText('Erin Editor');
  await history.getByRole('listitem').nth(1).getByRole('button').first().click();
  await history.getByRole('button', { name: 'Restore this version' }).click();
  await expect(page.getByText('That version is in the editor')).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved. Visitors see it now.')).toBeVisible();
  expect(readFileSync(onDisk, 'utf8')).not.toContain('Mine: gift boxes too.');
  expect(git('log', '-1', '--format=%an|%s').trim()).toMatch(
    /^Erin Editor\|Restore orders\/gift-wrapping from version/,
  );
});

test('on a phone the editor fits the width and stays axe clean', async () => {
  await page.setViewportSize({ width: 375, height: 740 });
  await expect(page.getByLabel('Article (Markdown)')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await checkConsole(page, 'phone-editor');
  await page.setViewportSize({ width: 1360, height: 900 });
});
