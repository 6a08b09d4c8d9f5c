import { expect, type Page, test } from '@playwright/test';
import { ar } from '../../widget/app/i18n/ar.ts';
import { en } from '../../widget/app/i18n/en.ts';
import { labelsFor } from '../../widget/loader/labels.ts';
import { checkScreen } from './support/widget-axe.ts';
import { hostPage, startWidgetSite, type WidgetSite } from './support/widget-site.ts';

let site: WidgetSite;
test.beforeAll(async () => {
  // No agent signs in: the admin exists but is offline, so the server is not accepting live chats.
  site = await startWidgetSite({ '/ar': { html: hostPage({ attrs: 'data-locale="ar"' }) } });
});
test.afterAll(async () => {
  await site?.stop();
});

/** Presses Tab until the widget's focus is on `name`'s button (the shadow root keeps its own active element). */
async function tabTo(page: Page, name: string) {
  const target = page.getByRole('button', { name, exact: true });
  for (let i = 0; i < 40; i++) {
    if (await target.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${name}`);
}

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
  // One story from form to status: away, answered by email. Never a place in a queue nor an invented time.
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'We’re away right now. We’ll reply to ada@example.com by email.' }),
  ).toBeVisible();
  await expect(page.getByText(/Expected wait|next in line|in the queue/)).toHaveCount(0);
});

for (const { lang, t, path } of [
  { lang: 'en', t: en, path: '/' },
  { lang: 'ar', t: ar, path: '/ar' },
] as const) {
  test(`keyboard only (${lang}): the message-and-email form, with axe on each of its states`, async ({
    page,
  }) => {
    const shot = (name: string) => checkScreen(page, `${lang}-${name}`);
    await page.setViewportSize({ width: 1100, height: 760 });
    await page.goto(`${site.host.url}${path}`);
    const launcher = page.getByRole('button', { name: labelsFor(lang)[2] });
    await page.keyboard.press('Tab');
    await expect(launcher).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('searchbox', { name: t.searchLabel })).toBeFocused();
    await tabTo(page, t.talk);
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: t.chat.offlineTitle })).toBeVisible();
    const message = page.getByRole('textbox', { name: t.chat.message });
    await expect(message).toBeFocused();
    await shot('offline');

    const text = `Please call me back about order 1042 (${lang})`;
    await page.keyboard.type(text);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('textbox', { name: t.chat.emailLabel })).toBeFocused();
    await page.keyboard.type('not-an-email');
    await tabTo(page, t.chat.offlineSend);
    await page.keyboard.press('Enter');
    const email = page.getByRole('textbox', { name: t.chat.emailLabel });
    await expect(email).toHaveAccessibleDescription(t.chat.emailInvalid);
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await shot('offline-invalid');

    await email.focus(); // Shift+Tab twice from the button: what a keyboard user does to get back
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('ada@example.com');
    await page.keyboard.press('Enter'); // Enter in a field sends the form
    await expect(page.getByRole('log', { name: t.chat.transcript }).getByText(text)).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: t.chat.offlineStatus('ada@example.com') }),
    ).toBeVisible();
    await shot('offline-sent');

    await page.keyboard.press('Escape');
    await expect(launcher).toBeFocused();
  });
}
