import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { en } from '../../widget/app/i18n/en.ts';
import { siteWithAgent } from './support/site-with-agent.ts';

const env = siteWithAgent();

/** The whole page, the widget's launcher included: no axe violation at all. */
async function expectAxeClean(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.map(
    (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(bad, `axe on ${name}`).toEqual([]);
}

test('a visitor browses the help centre, searches, reads, votes and talks to a person, with axe on every page', async ({
  page,
}) => {
  const errors: string[] = [];
  const base = env.site.parley.url;

  await page.goto(`${base}/demo`);
  await page.getByRole('link', { name: 'Help', exact: true }).click();
  await expect(page).toHaveURL(`${base}/help`);
  // From here on, every page of the help centre loads without an error (the demo page has no favicon).
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Help centre' })).toBeVisible();
  await expectAxeClean(page, 'home');

  await page.getByRole('link', { name: 'Orders', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  await expectAxeClean(page, 'category');

  await page.getByRole('searchbox', { name: 'Search the help centre' }).fill('where is my parcel');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/\/help\/search\?q=where\+is\+my\+parcel/);
  await expectAxeClean(page, 'search');
  await page
    .getByRole('link', { name: /^Track your order/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/kb\/orders\/track-your-order/);
  await expect(page.getByRole('heading', { level: 1, name: /Track your order/ })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Orders' }),
  ).toBeVisible();
  await expectAxeClean(page, 'article');

  await page.getByRole('button', { name: 'No', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Thanks for your feedback.');

  // Still need help: the widget opens on this page, ready to search or to reach a person.
  await page.locator('main').getByRole('button', { name: 'Talk to a person' }).click();
  await expect(page.getByRole('searchbox', { name: en.searchLabel })).toBeFocused();
  await expect(page.getByRole('dialog').getByRole('button', { name: en.talk })).toBeVisible();
  expect(errors).toEqual([]);
});

test('search and articles work with JavaScript off', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${env.site.parley.url}/help`);
  await page.getByRole('searchbox', { name: 'Search the help centre' }).fill('reset password');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const hit = page.getByRole('link', { name: /Reset your password/ }).first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page.getByRole('heading', { level: 1, name: /Reset your password/ })).toBeVisible();
  await page.getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('Thanks for your feedback.');
  await context.close();
});
