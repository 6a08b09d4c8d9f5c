import { expect, test } from '@playwright/test';
import { startWidgetSite, type WidgetSite } from './support/widget-site.ts';

/**
 * Clickjacking: a page on another origin that frames Parley's pages (the console, its built file under
 * /widget, the demo) gets nothing rendered, while the widget itself still loads on that page.
 */
const FRAMED = ['/console', '/widget/console/index.html', '/demo'];

let site: WidgetSite;
test.beforeAll(async () => {
  site = await startWidgetSite({
    '/frames': {
      html: (parley) =>
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Frames</title></head><body>${FRAMED.map(
          (p, i) => `<iframe id="f${i}" title="frame ${i}" src="${parley}${p}"></iframe>`,
        ).join('')}<script async src="${parley}/widget.js"></script></body></html>`,
    },
  });
});
test.afterAll(async () => {
  await site?.stop();
});

test('no Parley page renders inside another site’s frame', async ({ page }) => {
  await page.goto(`${site.host.url}/frames`);
  await expect(page.getByRole('button', { name: 'Open help' })).toBeVisible();
  for (let i = 0; i < FRAMED.length; i++) {
    const frame = page.frameLocator(`#f${i}`);
    await expect(frame.getByLabel('Email', { exact: true })).toHaveCount(0);
    await expect(frame.getByRole('heading')).toHaveCount(0);
  }
  const children = page.frames().filter((f) => f !== page.mainFrame());
  expect(children).toHaveLength(FRAMED.length);
  // A frame refused by frame-ancestors / X-Frame-Options shows the browser's error page, never Parley's.
  for (const f of children) expect(f.url()).not.toMatch(/^http:\/\/127\.0\.0\.1/);
});
