// Measures what the widget costs a host page in a real Chromium: gzip bytes of JS per step, and main-thread
// time (long tasks, CDP ScriptDuration). Prints figures; passes or fails on nothing. Needs `npm run build` first.
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { signInAgent } from '../e2e/support/widget-agent.ts';
import { startWidgetSite } from '../e2e/support/widget-site.ts';

const COMPETITORS = { Intercom: 1433, Zendesk: 2157, 'Help Scout': 427 };

const site = await startWidgetSite();
const agent = await signInAgent(site.parley);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const bytes = new Map<string, number>();
  page.on('response', async (r) => {
    if (!r.url().startsWith(site.parley.url) || !r.url().endsWith('.js')) return;
    const body = await r.body().catch(() => null);
    if (body) bytes.set(r.url(), gzipSync(body, { level: 9 }).length);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((l) => w.longTasks.push(...l.getEntries().map((e) => e.duration))).observe({
      type: 'longtask',
      buffered: true,
    });
  });
  const script = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration')!.value * 1000;
  const sum = () => [...bytes.values()].reduce((a, b) => a + b, 0);

  const before = await script();
  await page.goto(site.host.url, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: 'Open help' }).waitFor();
  const loaderMs = (await script()) - before;
  const loaderBytes = sum();
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);

  await page.getByRole('button', { name: 'Open help' }).click();
  await page.getByRole('searchbox', { name: 'Search help articles' }).fill('where is my parcel');
  await page
    .getByRole('button', { name: /^Track your order/ })
    .first()
    .click();
  await page.getByRole('heading', { name: /Track your order/, level: 3 }).waitFor();
  await page.waitForLoadState('networkidle');
  const selfBytes = sum();
  await page.getByRole('button', { name: 'Talk to a person' }).click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('bench');
  await box.press('Enter');
  await page.getByRole('log').getByText('Sent').waitFor();
  await page.waitForLoadState('networkidle');
  const totalMs = (await script()) - before;

  console.log('Parley widget, Chromium on this machine');
  console.log(`  JS gzip before interaction: ${loaderBytes} B`);
  console.log(`  JS gzip through self-service: ${selfBytes} B`);
  console.log(`  JS gzip through a started chat: ${sum()} B`);
  console.log(`  host main-thread script time, page load with the loader: ${loaderMs.toFixed(1)} ms`);
  console.log(
    `  long tasks during load: ${longTasks.length ? longTasks.map((d) => d.toFixed(0)).join(', ') : 'none'}`,
  );
  console.log(`  script time through a started chat: ${totalMs.toFixed(1)} ms`);
  for (const [name, ms] of Object.entries(COMPETITORS))
    console.log(`  ${name} (HTTP Archive third-party-web): ${ms} ms`);
} finally {
  await browser.close();
  agent.close();
  await site.stop();
}
