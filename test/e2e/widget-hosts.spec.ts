import { expect, type Page, test } from '@playwright/test';
import { signInAgent, type TestAgent } from './support/widget-agent.ts';
import { checkScreen, SHOTS } from './support/widget-axe.ts';
import { hostPage, startWidgetSite, type WidgetSite } from './support/widget-site.ts';

const HOSTILE_CSS = `<style>
html { font-size: 40px } body { font: 30px/3 Georgia, serif; letter-spacing: 3px }
button { all: unset } * { transition: all 2s; text-transform: uppercase } div { transform: rotate(1deg) }
</style>`;

const cspHeaders: Record<string, string> = {};
let site: WidgetSite;
let agent: TestAgent;
test.beforeAll(async () => {
  site = await startWidgetSite({
    // The header names Parley's URL, known once it runs: filled in below, before any request.
    '/csp': { html: hostPage(), headers: cspHeaders },
    '/hostile': { html: hostPage({ head: HOSTILE_CSS }) },
    '/ar': { html: hostPage({ attrs: 'data-locale="ar"' }) },
  });
  const p = site.parley.url;
  const wsHost = p.replace('http://', 'ws://');
  cspHeaders['content-security-policy'] =
    `default-src 'self'; script-src 'self' ${p}; connect-src ${p} ${wsHost}; style-src 'self'`;
  agent = await signInAgent(site.parley);
});
test.afterAll(async () => {
  agent?.close();
  await site?.stop();
});

async function runThrough(page: Page, text: string) {
  await page.getByRole('button', { name: 'Open help' }).click();
  await page.getByRole('searchbox', { name: 'Search help articles' }).fill('where is my parcel');
  await page
    .getByRole('button', { name: /^Track your order/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: /Track your order/, level: 3 })).toBeVisible();
  await page.getByRole('button', { name: 'Talk to a person' }).click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await expect(page.getByRole('log').getByText('Sent')).toBeVisible();
}

test('works under a strict Content-Security-Policy with no violation', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(`${site.host.url}/csp`);
  await runThrough(page, 'Strict CSP here');
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual(
    [],
  );
});

test('looks and behaves the same on a page with aggressive global CSS', async ({ page }) => {
  await page.goto(`${site.host.url}/hostile`);
  await runThrough(page, 'Hostile CSS here');
  const style = await page.getByRole('textbox', { name: 'Message' }).evaluate((el) => {
    const s = getComputedStyle(el);
    const host = getComputedStyle(document.getElementById('parley-widget')!);
    return {
      transform: s.transform,
      textTransform: s.textTransform,
      hostTransform: host.transform,
      font: s.fontSize,
    };
  });
  expect(style).toEqual({ transform: 'none', textTransform: 'none', hostTransform: 'none', font: '15px' });
  await page.screenshot({ path: `${SHOTS}/hostile.png` });
});

test('fills a 375 px phone screen, and mirrors for Arabic', async ({ browser }) => {
  const phoneContext = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const phone = await phoneContext.newPage();
  await phone.goto(site.host.url);
  await phone.getByRole('button', { name: 'Open help' }).click();
  const panel = phone.getByRole('dialog');
  await expect(panel).toBeVisible();
  await expect.poll(async () => panel.boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 740 });
  const size = await phone.getByRole('searchbox').evaluate((el) => getComputedStyle(el).fontSize);
  expect(Number.parseFloat(size)).toBeGreaterThanOrEqual(16);
  await checkScreen(phone, 'mobile');
  await phoneContext.close();

  const arContext = await browser.newContext({ viewport: { width: 900, height: 720 } });
  const ar = await arContext.newPage();
  const scripts: string[] = [];
  ar.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await ar.goto(`${site.host.url}/ar`);
  // The loader names the launcher in the page's language before anything else is downloaded.
  const launcher = ar.getByRole('button', { name: 'فتح المساعدة' });
  await expect(launcher).toHaveText('المساعدة');
  expect(scripts).toEqual(['/widget.js']);
  await launcher.click();
  await expect(ar.getByRole('dialog')).toHaveAttribute('dir', 'rtl');
  const searchBox = ar.getByRole('searchbox', { name: 'البحث في مقالات المساعدة' });
  // The magnifier sits inside the box at its start, on the right, clear of the text typed after it.
  const icon = ar.locator('.search-icon');
  await expect(icon).toBeVisible();
  const box = (await searchBox.boundingBox())!;
  const glass = (await icon.boundingBox())!;
  const textEnd = await searchBox.evaluate(
    (el) => el.getBoundingClientRect().right - Number.parseFloat(getComputedStyle(el).paddingRight),
  );
  expect(glass.x + glass.width).toBeLessThanOrEqual(box.x + box.width);
  expect(glass.x).toBeGreaterThanOrEqual(textEnd);
  await searchBox.fill('parcel');
  await expect(ar.getByRole('button', { name: 'تحدّث مع شخص' })).toBeVisible();
  await checkScreen(ar, 'rtl');
  await arContext.close();
});

test('speaks the browser’s language when the site sets none, from the launcher on', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'de-DE' });
  const page = await context.newPage();
  await page.goto(site.host.url);
  const launcher = page.getByRole('button', { name: 'Hilfe öffnen' });
  await expect(launcher).toHaveText('Hilfe');
  await launcher.click();
  await expect(page.getByRole('dialog', { name: 'Hilfe' })).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('searchbox', { name: 'Hilfeartikel durchsuchen' })).toBeFocused();
  await page.getByRole('button', { name: 'Hilfe schließen' }).click();
  await expect(launcher).toBeFocused();
  await context.close();
});
