import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const CONSOLE_SHOTS = process.env.PARLEY_CONSOLE_SHOTS ?? '/tmp/parley-console-shots';

/** No serious or critical axe violation on the console page as it is now; keeps a screenshot for review. */
export async function checkConsole(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(bad, `axe on ${name}`).toEqual([]);
  mkdirSync(CONSOLE_SHOTS, { recursive: true });
  await page.screenshot({ path: `${CONSOLE_SHOTS}/${name}.png` });
}

/** Presses Tab (Shift+Tab when `back`) until the element has focus: how a keyboard user gets there. */
export async function tabTo(
  page: Page,
  target: ReturnType<Page['locator']>,
  opts: { back?: boolean; max?: number } = {},
) {
  const handle = await target.elementHandle();
  for (let i = 0; i < (opts.max ?? 60); i++) {
    if (await page.evaluate((el) => el === document.activeElement, handle)) return;
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error('could not reach the element with Tab');
}
