import { expect, test } from '@playwright/test';

import { siteWithAgent } from './support/site-with-agent.ts';

const env = siteWithAgent();

test('search, open an article, vote No, and the agent sees the trail with the question', async ({ page }) => {
  const events: unknown[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/visitor/events'))
      events.push(...(r.postDataJSON() as { events: unknown[] }).events);
  });
  await page.goto(env.site.host.url);
  await page.getByRole('button', { name: 'Open help' }).click();
  await page.getByRole('searchbox', { name: 'Search help articles' }).fill('where is my parcel');
  await page
    .getByRole('button', { name: /^Track your order/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: /Track your order/, level: 3 })).toBeVisible();
  await page.getByRole('button', { name: 'No', exact: true }).click();
  await page.getByRole('button', { name: 'Ask a person about this' }).click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('The tracking page is stuck');
  await box.press('Enter');

  const c = await env.agent.waitForConversation('The tracking page is stuck');
  const { trail } = await env.agent.open(c.id);
  expect(trail).toEqual([
    expect.objectContaining({ kind: 'search', query: 'where is my parcel' }),
    expect.objectContaining({ kind: 'article', slug: 'orders/track-your-order' }),
    expect.objectContaining({ kind: 'vote', slug: 'orders/track-your-order', helpful: false }),
  ]);
  // The committed search and the vote also went to the content-gap report.
  await expect
    .poll(() => events)
    .toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'search', query: 'where is my parcel' }),
        expect.objectContaining({ kind: 'vote', slug: 'orders/track-your-order', helpful: false }),
      ]),
    );
});
