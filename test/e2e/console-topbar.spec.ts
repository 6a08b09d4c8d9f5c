import { expect, type Page, test } from '@playwright/test';
import { checkConsole } from './support/console-axe.ts';
import { consoleStage, signIn } from './support/console-stage.ts';

// The console's top bar from a phone to a desktop: how much of the screen it takes, that nothing pushes the
// page sideways, axe, and the secondary controls behind Menu used with the keyboard alone.
const stage = consoleStage();
let page: Page;

const barHeight = () =>
  page.evaluate(() => document.querySelector('.topbar')?.getBoundingClientRect().height ?? 0);
const pageWidth = () => page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
const menu = () => page.getByRole('button', { name: 'Menu' });

test.beforeAll(async ({ browser }) => {
  page = await stage.freshPage(browser, undefined, { viewport: { width: 375, height: 740 } });
  await signIn(page, stage.parley.adminEmail, stage.parley.adminPassword);
  // Connected: the availability switch works (until then a notice hangs below the bar).
  await expect(page.getByRole('switch', { name: 'Available for new conversations' })).toBeEnabled();
});

test('on a phone the top bar takes two rows at most and the page does not scroll sideways', async () => {
  await stage.visitorAsks('Grace', 'My parcel has not arrived');
  await expect(page.getByRole('button', { name: /^Waiting 1/ })).toBeVisible();
  expect(await barHeight()).toBeLessThanOrEqual(112);
  expect(await pageWidth()).toBeLessThanOrEqual(375);
  // Every screen is one tap away, by its full name.
  for (const name of ['Inbox', 'Saved replies', 'Agents', 'Widget & routing', 'Content gaps'])
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
  await checkConsole(page, 'phone-inbox');

  await menu().click();
  for (const name of ['Notifications', 'Keyboard shortcuts', 'Your account: admin', 'Sign out'])
    await expect(page.getByRole('button', { name })).toBeVisible();
  expect(await pageWidth()).toBeLessThanOrEqual(375);
  await checkConsole(page, 'phone-menu');

  // A conversation, then the screens that carry the widest content.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: /Grace/ }).click();
  await page.getByRole('button', { name: 'Claim' }).click();
  await expect(page.getByText('· with you')).toBeVisible();
  expect(await barHeight()).toBeLessThanOrEqual(112);
  expect(await pageWidth()).toBeLessThanOrEqual(375);
  await checkConsole(page, 'phone-conversation');
  for (const [screen, name] of [
    ['Agents', 'phone-agents-bar'],
    ['Widget & routing', 'phone-settings-bar'],
  ] as const) {
    await page.getByRole('button', { name: screen, exact: true }).click();
    await expect(page.getByRole('heading', { name: screen, level: 1 })).toBeVisible();
    expect(await barHeight()).toBeLessThanOrEqual(112);
    expect(await pageWidth()).toBeLessThanOrEqual(375);
    await checkConsole(page, name);
  }
  await page.getByRole('button', { name: 'Inbox', exact: true }).click();
});

test('the menu works with the keyboard alone: open, move through, Escape back, open a dialog and return', async () => {
  await menu().focus();
  await expect(menu()).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await expect(menu()).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Notifications' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu()).toHaveAttribute('aria-expanded', 'false');
  await expect(menu()).toBeFocused();
  await expect(page.getByRole('button', { name: 'Notifications' })).toBeHidden();

  // A dialog opened from the menu hands the keyboard back to Menu when it closes.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Notifications' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(menu()).toBeFocused();

  // The account screen is in the menu too; Menu then shows it is where you are.
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Your account: admin' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Your account', level: 1 })).toBeVisible();
  await checkConsole(page, 'phone-account');
  await page.getByRole('button', { name: 'Inbox', exact: true }).click();
});

test('on a tablet the top bar is one row, and the desktop keeps every control on the bar', async () => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await expect(menu()).toBeVisible();
  expect(await barHeight()).toBeLessThanOrEqual(56);
  expect(await pageWidth()).toBeLessThanOrEqual(768);
  await checkConsole(page, 'tablet-inbox');
  await menu().click();
  await checkConsole(page, 'tablet-menu');
  await page.keyboard.press('Escape');

  await page.setViewportSize({ width: 1360, height: 860 });
  expect(await barHeight()).toBeLessThanOrEqual(56);
  await expect(menu()).toBeHidden();
  for (const name of ['Notifications', 'Keyboard shortcuts', 'Your account: admin', 'Sign out'])
    await expect(page.getByRole('button', { name })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Content gaps' })).toHaveText('Content gaps', {
    useInnerText: true,
  });
});

test('signing out from the menu on a phone', async () => {
  await page.setViewportSize({ width: 375, height: 740 });
  await menu().click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});
