import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const SHOTS = process.env.PARLEY_SHOTS ?? '/tmp/parley-shots';

/** No serious or critical axe violation inside the widget; also keeps a screenshot of the screen for review. */
export async function checkScreen(page: Page, name: string) {
  // The panel fades in: judge (and picture) the screen a visitor reads, not a frame of the animation.
  await page.waitForFunction(() =>
    (document.getElementById('parley-widget')?.shadowRoot?.getAnimations() ?? []).every(
      (a) => a.playState !== 'running',
    ),
  );
  const results = await new AxeBuilder({ page }).include('#parley-widget').analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(bad, `axe on ${name}`).toEqual([]);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}
