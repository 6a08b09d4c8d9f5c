import { expect, test } from '@playwright/test';
import { startWidgetSite, type WidgetSite } from './support/widget-site.ts';

let site: WidgetSite;
test.beforeAll(async () => {
  // No agent signs in: the admin exists but is offline, so the server is not accepting live chats.
  site = await startWidgetSite();
});
test.afterAll(async () => {
  await site?.stop();
});

test('with nobody online, the visitor leaves a message and an email instead of joining a queue', async ({
  page,
}) => {
  await page.goto(site.host.url);
  await page.getByRole('button', { name: 'Open help' }).click();
  await page.getByRole('button', { name: 'Talk to a person' }).click();
  await expect(page.getByRole('heading', { name: 'We’re away right now' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();

  await page.getByRole('textbox', { name: 'Message' }).fill('Please call me back about order 1042');
  await page.getByRole('textbox', { name: 'Email' }).fill('not-an-email');
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByText('Enter a valid email address.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Email' }).fill('ada@example.com');
  await page.getByRole('button', { name: 'Send message' }).click();

  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log.getByText('Please call me back about order 1042')).toBeVisible();
  // No invented time: the visitor is told the reply goes to their address.
  await expect(
    page.getByRole('status').filter({ hasText: 'We’ll also reply to ada@example.com.' }),
  ).toBeVisible();
  await expect(page.getByText(/Expected wait/)).toHaveCount(0);
});
