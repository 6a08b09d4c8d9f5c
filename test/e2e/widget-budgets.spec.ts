import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

import { siteWithAgent } from './support/site-with-agent.ts';

const env = siteWithAgent();

test('JavaScript bytes (gzip) stay within budget at each step of a visit', async ({ page }) => {
  const js = new Map<string, number>();
  page.on('response', async (r) => {
    if (!r.url().startsWith(env.site.parley.url) || !/\.js(\?|$)/.test(r.url())) return;
    const body = await r.body().catch(() => null);
    if (body) js.set(r.url(), gzipSync(body, { level: 9 }).length);
  });
  const total = () => [...js.values()].reduce((a, b) => a + b, 0);
  const settled = async () => {
    await page.waitForLoadState('networkidle');
    return total();
  };

  await page.goto(env.site.host.url);
  const launcher = page.getByRole('button', { name: 'Open help' });
  await expect(launcher).toBeVisible();
  const beforeInteraction = await settled();
  expect([...js.keys()]).toEqual([`${env.site.parley.url}/widget.js`]);
  // 3 KB read strictly: 3,000 bytes, not 3,072.
  expect(beforeInteraction).toBeLessThanOrEqual(3000);
  // The loader itself causes no long task (> 50 ms) on the host page.
  const longTasks = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const seen: number[] = [];
        new PerformanceObserver((l) => seen.push(...l.getEntries().map((e) => e.duration))).observe({
          type: 'longtask',
          buffered: true,
        });
        setTimeout(() => resolve(seen.filter((d) => d > 50).length), 100);
      }),
  );
  expect(longTasks).toBe(0);

  await launcher.click();
  await page.getByRole('searchbox', { name: 'Search help articles' }).fill('where is my parcel');
  await page
    .getByRole('button', { name: /^Track your order/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: /Track your order/ })).toBeVisible();
  const selfService = await settled();
  expect(selfService).toBeLessThanOrEqual(30 * 1024);

  await page.getByRole('button', { name: 'Talk to a person' }).click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('Budget check');
  await box.press('Enter');
  await expect(page.getByRole('log').getByText('Sent')).toBeVisible();
  const chat = await settled();
  expect(chat).toBeLessThanOrEqual(50 * 1024);
  console.log(
    `widget JS gzip bytes: before interaction ${beforeInteraction}, self-service ${selfService}, chat ${chat}`,
  );
});
