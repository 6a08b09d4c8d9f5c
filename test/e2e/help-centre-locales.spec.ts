import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { es } from '../../widget/app/i18n/es.ts';
import { type ParleyProcess, startParley } from './support/servers.ts';

/** The help centre in Spanish and in English, on a desktop and a phone, with the shipped knowledge base. */
let parley: ParleyProcess;
test.beforeAll(async () => {
  parley = await startParley({ allowedOrigins: [] });
});
test.afterAll(async () => {
  await parley?.stop();
});

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };

async function expectAxeClean(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.map(
    (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(bad, `axe on ${name}`).toEqual([]);
}

/** Nothing wider than the screen: no sideways scrolling on a phone. */
async function expectNoSidewaysScroll(page: Page) {
  const { scroll, viewport } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(viewport);
}

async function spanishVisitor(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ locale: 'es-ES', viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  return { context, page, errors };
}

for (const [name, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  test(`a Spanish-speaking visitor reads the help centre in Spanish, with English where it is not translated (${name})`, async ({
    browser,
  }) => {
    const { context, page, errors } = await spanishVisitor(browser, viewport);
    await page.goto(`${parley.url}/help`);
    await expect(page).toHaveURL(`${parley.url}/help/es`);
    await expect(page.getByRole('heading', { level: 1, name: 'Centro de ayuda' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Devoluciones y reembolsos' })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectAxeClean(page, `home es ${name}`);
    await page.screenshot({ path: test.info().outputPath(`help-es-home-${name}.png`), fullPage: true });

    await page.getByRole('link', { name: 'Devoluciones y reembolsos' }).click();
    await expect(page).toHaveURL(`${parley.url}/help/es/returns`);
    await page.getByRole('link', { name: 'Devolver un artículo' }).click();
    await expect(page).toHaveURL(`${parley.url}/kb/es/returns/return-an-item`);
    await expect(page.getByRole('heading', { level: 1, name: 'Devolver un artículo' })).toBeVisible();
    await expect(
      page
        .getByRole('navigation', { name: 'Breadcrumb' })
        .getByRole('link', { name: 'Devoluciones y reembolsos' }),
    ).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectAxeClean(page, `article es ${name}`);
    await page.screenshot({ path: test.info().outputPath(`help-es-article-${name}.png`), fullPage: true });

    // A link to an article nobody has translated yet: the English text, said so in Spanish.
    await page.locator('article').getByRole('link', { name: 'artículos que no se pueden devolver' }).click();
    await expect(page).toHaveURL(`${parley.url}/kb/es/returns/non-returnable-items`);
    await expect(page.getByRole('note')).toHaveText(
      'Aún no está traducido: este artículo se muestra en inglés.',
    );
    await expect(page.getByRole('heading', { level: 1, name: "Items that can't be returned" })).toBeVisible();
    await expectAxeClean(page, `fallback ${name}`);
    await page.screenshot({ path: test.info().outputPath(`help-es-fallback-${name}.png`), fullPage: true });

    // The switcher: English, and the choice sticks over the browser's Spanish.
    await page.getByRole('navigation', { name: 'Idioma' }).getByRole('link', { name: 'English' }).click();
    await expect(page).toHaveURL(`${parley.url}/kb/returns/non-returnable-items`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto(`${parley.url}/help`);
    await expect(page).toHaveURL(`${parley.url}/help`);
    await expect(page.getByRole('heading', { level: 1, name: 'Help centre' })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: test.info().outputPath(`help-en-home-${name}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });
}

test('the widget on a Spanish page searches the Spanish articles and opens them in Spanish', async ({
  browser,
}) => {
  const { context, page } = await spanishVisitor(browser, DESKTOP);
  await page.goto(`${parley.url}/kb/es/orders/track-your-order`);
  await page.locator('main').getByRole('button', { name: 'Hablar con una persona' }).click();
  const search = page.getByRole('searchbox', { name: es.searchLabel });
  await expect(search).toBeFocused();
  await search.fill('olvidé mi contraseña');
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Restablecer tu contraseña').first().click();
  await expect(dialog.getByRole('heading', { name: 'Restablecer tu contraseña' })).toBeVisible();
  await expect(dialog.getByText('El enlace funciona durante')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('widget-es-article.png') });
  await context.close();
});
