/**
 * `npx tsx test/bench/console.bench.ts`: the agent console with 200 open conversations of 100 messages each.
 * Seeds the SQLite file through the store, starts Parley as a process, signs in in Chromium and measures
 * (in the page) the time from clicking a conversation to its 100-message transcript being painted, plus the
 * inbox's first load. It prints figures; it never fails on a number.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { composeServices } from '../../server/compose.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import { removeDir, startParley } from '../e2e/support/servers.ts';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 200);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100);
const SWITCHES = Number(process.env.BENCH_SWITCHES ?? 40);
const out = (line = '') => process.stdout.write(`${line}\n`);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;

async function seed(dataDir: string) {
  const { services, store, close } = await composeServices({
    database: { kind: 'sqlite', file: join(dataDir, 'parley.sqlite') },
    kbDir: join(import.meta.dirname, '../fixtures/kb-basic'),
    logger: silentLogger(),
  });
  // Room in the queue for every seeded conversation (the default limit answers the 21st queue_full).
  const settings = await services.settings.get();
  await services.settings.update({
    ...settings,
    routing: { ...settings.routing, queueLimit: CONVERSATIONS },
  });
  const t0 = performance.now();
  for (let i = 0; i < CONVERSATIONS; i++) {
    const { visitor } = await services.visitors.createSession({
      url: `https://shop.test/p/${i}`,
      locale: 'en-GB',
    });
    const { conversation } = await services.conversations.start(visitor, {
      clientId: `bench-start-${i}`,
      text: `Conversation ${i}: my order has not arrived`,
      name: `Visitor ${String(i).padStart(3, '0')}`,
    });
    for (let m = 2; m <= MESSAGES; m++) {
      await store.messages.append({
        id: `b${i}-${m}`,
        conversationId: conversation.id,
        clientId: null,
        author: m % 2 ? 'visitor' : 'agent',
        authorId: null,
        authorName: m % 2 ? null : 'Agent',
        text: `Message ${m} of conversation ${i}. ${'Some ordinary support text about parcels and refunds. '.repeat(1 + (m % 3))}`,
        createdAt: new Date(Date.now() - (MESSAGES - m) * 60_000).toISOString(),
      });
    }
  }
  out(
    `seeded ${CONVERSATIONS} conversations x ${MESSAGES} messages in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await close();
}

const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-console-'));
await seed(dataDir);
const parley = await startParley({ allowedOrigins: [], dataDir, env: { LOG_LEVEL: 'warn' } });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  page.on('console', (m) => m.type() === 'error' && out(`page: ${m.text()}`));
  // tsx (esbuild keepNames) wraps named functions in __name(); give the page a no-op one.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(`${parley.url}/console`);
  await page.getByLabel('Email').fill(parley.adminEmail);
  await page.getByLabel('Password').fill(parley.adminPassword);
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: /^All open/ }).click();
  await page
    .locator('.conv-item')
    .nth(CONVERSATIONS - 1)
    .waitFor();
  out(`sign-in to ${CONVERSATIONS} listed conversations: ${Date.now() - t0} ms`);

  const times: number[] = [];
  for (let k = 0; k < SWITCHES; k++) {
    const index = (k * 37) % CONVERSATIONS;
    const ms = await page.evaluate(
      ({ index, messages }) =>
        new Promise<number>((resolve) => {
          const items = document.querySelectorAll<HTMLButtonElement>('.conv-item');
          const target = items[index];
          if (!target) return resolve(-1);
          const name = target.querySelector('.conv-item-who')?.textContent ?? '';
          const start = performance.now();
          target.click();
          const check = () => {
            const title = document.getElementById('conversation-title')?.textContent;
            const count = document.querySelectorAll('.messages > li').length;
            // Painted: the next frame after the transcript is complete.
            if (title === name && count >= messages)
              requestAnimationFrame(() => {
                clearTimeout(guard);
                resolve(performance.now() - start);
              });
            else requestAnimationFrame(check);
          };
          const guard = setTimeout(() => {
            const title = document.getElementById('conversation-title')?.textContent;
            const count = document.querySelectorAll('.messages > li').length;
            console.error(`stuck: showing ${title} (${count} messages), wanted ${name}`);
            resolve(-1);
          }, 10_000);
          check();
        }),
      { index, messages: MESSAGES },
    );
    if (ms >= 0) times.push(ms);
    // Paced like a person (the /agent namespace allows a burst of 500 commands, then 25/s); a switch costs about three.
    await page.waitForTimeout(350);
  }
  out(
    `switching conversations (${times.length} switches, click -> ${MESSAGES}-message transcript painted, incl. socket round trip):`,
  );
  out(
    `  p50 ${pct(times, 50).toFixed(1)} ms   p95 ${pct(times, 95).toFixed(1)} ms   max ${Math.max(...times).toFixed(1)} ms`,
  );

  const typing = await page.evaluate(async () => {
    const box = document.getElementById('composer-text') as HTMLTextAreaElement | null;
    if (!box) return -1;
    const start = performance.now();
    for (let i = 0; i < 50; i++) {
      box.value += 'a';
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(r));
    }
    return (performance.now() - start) / 50;
  });
  out(
    `typing in the reply box with ${MESSAGES} messages shown: ${typing.toFixed(1)} ms per keystroke frame (16.7 = 60 fps)`,
  );
  const heap = await page.evaluate(
    () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0,
  );
  if (heap) out(`page JS heap: ${(heap / 1024 / 1024).toFixed(1)} MB`);
} finally {
  await browser.close();
  await parley.stop();
  removeDir(dataDir);
}
