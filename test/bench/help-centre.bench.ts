// Lighthouse on the help centre: the home page and an article (English and Spanish), mobile and desktop, in Debian's Chromium.
// Prints the four category scores (0-100) for each; passes or fails on nothing. Needs `npm run build` first
// (the pages load /widget.js).
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { startParley } from '../e2e/support/servers.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const PAGES = [
  ['home', '/help'],
  ['article', '/kb/orders/track-your-order'],
  ['home, Spanish', '/help/es'],
  ['article, Spanish', '/kb/es/orders/track-your-order'],
] as const;

const parley = await startParley({ allowedOrigins: [] });
const chrome = await launch({
  chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const rows: string[] = [];
try {
  for (const [name, path] of PAGES) {
    for (const form of ['mobile', 'desktop'] as const) {
      const result = await lighthouse(
        `${parley.url}${path}`,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
        form === 'desktop' ? desktopConfig : undefined,
      );
      const categories = result?.lhr.categories ?? {};
      const scores = CATEGORIES.map((c) => Math.round((categories[c]?.score ?? 0) * 100));
      const failing = Object.values(result?.lhr.audits ?? {})
        .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
        .map((a) => a.id);
      rows.push(
        `| ${name} (${path}) | ${form} | ${scores.join(' | ')} |${failing.length ? ` below 0.9: ${failing.join(', ')}` : ''}`,
      );
    }
  }
} finally {
  await chrome.kill();
  await parley.stop();
}
console.log('| page | form factor | performance | accessibility | best practices | SEO |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
