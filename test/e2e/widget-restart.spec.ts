import { expect, test } from '@playwright/test';
import { startParley } from './support/servers.ts';
import { signInAgent } from './support/widget-agent.ts';
import { startChat, startWidgetSite, type WidgetSite } from './support/widget-site.ts';

let site: WidgetSite;
test.afterAll(async () => {
  await site?.stop();
});

test('messages typed while the server is down are kept, then delivered once each, in order', async ({
  page,
}) => {
  site = await startWidgetSite();
  let agent = await signInAgent(site.parley);
  await page.goto(site.host.url);
  const box = await startChat(page, 'Before the outage');
  const c = await agent.waitForConversation('Before the outage');
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log.getByText('Sent')).toBeVisible();
  agent.close();

  await site.parley.stop('SIGKILL');
  await expect(page.getByRole('status').filter({ hasText: 'Reconnecting…' })).toBeVisible();
  for (const text of ['First while down', 'Second while down']) {
    await box.fill(text);
    await box.press('Enter');
  }
  await expect(log.getByText('Will send when the connection is back')).toHaveCount(2);

  // Same data directory and port: the visitor's token and conversation are still valid.
  const { dataDir, port } = site.parley;
  site.parley = await startParley({ allowedOrigins: [`http://localhost:${site.hostPort}`], dataDir, port });
  await expect(log.getByText('Will send when the connection is back')).toHaveCount(0, { timeout: 15_000 });
  await expect(log.getByText('First while down')).toHaveCount(1);
  await expect(log.getByText('Second while down')).toHaveCount(1);

  agent = await signInAgent(site.parley);
  const detail = await agent.open(c.id);
  const texts = detail.messages.filter((m) => m.author === 'visitor').map((m) => m.text);
  expect(texts).toEqual(['Before the outage', 'First while down', 'Second while down']);
  agent.close();
});
