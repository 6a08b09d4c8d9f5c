import { expect, type Page, test } from '@playwright/test';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import { siteWithAgent } from './support/site-with-agent.ts';
import { startChat } from './support/widget-site.ts';

const env = siteWithAgent();

/** Opens the console's namespace with the page's own visitor token, in raw frames; returns the refusal's code. */
async function consoleRefusal(page: Page): Promise<string | null> {
  const frames = await page.evaluate(
    async ({ parley, protocol }) => {
      const key = Object.keys(localStorage).find((k) => k.endsWith(':visitor')) ?? '';
      const { token } = JSON.parse(localStorage.getItem(key) ?? '{}') as { token: string };
      const ws = new WebSocket(`${parley.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
      const seen: string[] = [];
      await new Promise<void>((resolve) => {
        ws.onmessage = (e) => {
          const frame = String(e.data);
          seen.push(frame);
          if (frame.startsWith('0{')) ws.send(`40/agent,${JSON.stringify({ token, protocol })}`);
          if (frame.startsWith('44/agent,') || frame.startsWith('40/agent,')) resolve();
        };
        setTimeout(resolve, 5000);
      });
      ws.close();
      return seen;
    },
    { parley: env.site.parley.url, protocol: PROTOCOL_VERSION },
  );
  expect(frames.some((f) => f.startsWith('40/agent,'))).toBe(false);
  const refusal = frames.find((f) => f.startsWith('44/agent,'));
  return refusal
    ? ((JSON.parse(refusal.slice('44/agent,'.length)) as { data?: { code?: string } }).data?.code ?? null)
    : null;
}

/**
 * What a script on the host page could try with the visitor's own token, over raw Socket.IO frames from the
 * visitor's browser: open the console's namespace, and listen on its own socket while someone else chats.
 */
test("a visitor's token never reaches the console's events, nor another visitor's chat", async ({
  browser,
}) => {
  const mine = await (await browser.newContext()).newPage();
  await mine.goto(env.site.host.url);
  await startChat(mine, 'Only my own chat, please');
  await env.agent.waitForConversation('Only my own chat, please');

  // From the customer's site the console's namespace is refused before the token is even looked at.
  expect(await consoleRefusal(mine)).toBe('origin_not_allowed');
  // From Parley's own origin (its demo page) the visitor's token is no console session either.
  const onParley = await (await browser.newContext()).newPage();
  await onParley.goto(`${env.site.parley.url}/demo`);
  await startChat(onParley, 'Asking from the demo page');
  await env.agent.waitForConversation('Asking from the demo page');
  expect(await consoleRefusal(onParley)).toBe('unauthorized');

  // Listening on its own visitor socket while another visitor chats and is answered: nothing of theirs arrives.
  await mine.evaluate(
    ({ parley, protocol }) => {
      const key = Object.keys(localStorage).find((k) => k.endsWith(':visitor')) ?? '';
      const { token } = JSON.parse(localStorage.getItem(key) ?? '{}') as { token: string };
      const ws = new WebSocket(`${parley.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
      const w = window as unknown as { overheard: string[] };
      w.overheard = [];
      ws.onmessage = (e) => {
        const frame = String(e.data);
        w.overheard.push(frame);
        if (frame === '2') ws.send('3');
        if (frame.startsWith('0{')) ws.send(`40/visitor,${JSON.stringify({ token, protocol })}`);
      };
    },
    { parley: env.site.parley.url, protocol: PROTOCOL_VERSION },
  );
  await expect
    .poll(() => mine.evaluate(() => (window as unknown as { overheard: string[] }).overheard))
    .toContainEqual(expect.stringMatching(/^40\/visitor,/));

  const theirs = await (await browser.newContext()).newPage();
  await theirs.goto(env.site.host.url);
  await startChat(theirs, 'My secret order number is 4711');
  const other = await env.agent.waitForConversation('My secret order number is 4711');
  await env.agent.claim(other.id);
  await env.agent.say(other.id, 'Your parcel for order 4711 ships today');
  await expect(theirs.getByText('Your parcel for order 4711 ships today')).toBeVisible();
  // The other visitor's page has it; give a leak the same time again to show up here.
  await theirs.waitForTimeout(1000);
  const overheard = await mine.evaluate(() => (window as unknown as { overheard: string[] }).overheard);
  expect(overheard.join('\n')).not.toContain('4711');
  await expect(mine.getByText(/4711/)).toHaveCount(0);
});
