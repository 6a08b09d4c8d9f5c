import { expect, test } from '@playwright/test';
import { siteWithAgent } from './support/site-with-agent.ts';
import { checkScreen } from './support/widget-axe.ts';

const env = siteWithAgent();

test('keyboard only: open, search, read, escalate, send, rate and close, with axe on every screen', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1100, height: 760 });
  await page.goto(env.site.host.url);
  const launcher = page.getByRole('button', { name: 'Open help' });
  await expect(launcher).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(launcher).toBeFocused();
  await page.keyboard.press('Enter');

  const search = page.getByRole('searchbox', { name: 'Search help articles' });
  await expect(search).toBeFocused();
  await checkScreen(page, 'home');

  await page.keyboard.type('qwxyzzy nothing');
  await expect(page.getByText(/No articles match/)).toBeVisible();
  await checkScreen(page, 'no-results');

  await search.fill('');
  await page.keyboard.type('where is my parcel');
  await expect(page.getByRole('button', { name: /^Track your order/ }).first()).toBeVisible();
  await checkScreen(page, 'results');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const title = page.getByRole('heading', { name: /Track your order/, level: 3 });
  await expect(title).toBeFocused();
  await checkScreen(page, 'article');

  // Tab through the article to "No", then on to the person.
  const no = page.getByRole('button', { name: 'No', exact: true });
  for (
    let i = 0;
    i < 40 && !(await no.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement));
    i++
  )
    await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  const ask = page.getByRole('button', { name: 'Ask a person about this' });
  await ask.focus(); // the next Tab stop; focus() keeps the loop short and is what Tab reaches
  await page.keyboard.press('Enter');

  const box = page.getByRole('textbox', { name: 'Message' });
  await expect(box).toBeFocused();
  await page.keyboard.type('Tracking says delivered but nothing came');
  await page.keyboard.press('Enter');
  const c = await env.agent.waitForConversation('Tracking says delivered');
  await expect(page.getByRole('log').getByText('Sent')).toBeVisible();
  await checkScreen(page, 'chat-waiting');

  await env.agent.claim(c.id);
  await env.agent.say(c.id, 'Sorry about that! Let me check with the courier.');
  await expect(page.getByRole('log').getByText('Let me check with the courier.')).toBeVisible();
  await checkScreen(page, 'chat-assigned');

  await env.agent.request('conversation:close', { conversationId: c.id });
  const firstStar = page.getByRole('radio', { name: '1 star' });
  await expect(firstStar).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '5 stars' })).toBeChecked();
  await checkScreen(page, 'rating');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Fast answer');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Thanks for your feedback!')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(launcher).toBeFocused();
  await expect(launcher).toHaveAttribute('aria-expanded', 'false');
});
