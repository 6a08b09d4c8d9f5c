import { expect, test } from '@playwright/test';
import { ar } from '../../widget/app/i18n/ar.ts';
import { en } from '../../widget/app/i18n/en.ts';
import { labelsFor } from '../../widget/loader/labels.ts';
import { siteWithAgent } from './support/site-with-agent.ts';
import { checkScreen } from './support/widget-axe.ts';
import { hostPage } from './support/widget-site.ts';

const env = siteWithAgent({ '/ar': { html: hostPage({ attrs: 'data-locale="ar"' }) } });

const runs = [
  { lang: 'en', t: en, path: '/', nextStar: 'ArrowRight' },
  // Right to left: the stars run from the right, so the next one is to the left.
  { lang: 'ar', t: ar, path: '/ar', nextStar: 'ArrowLeft' },
] as const;

for (const { lang, t, path, nextStar } of runs) {
  test(`keyboard only (${lang}): open, search, read, escalate, send, rate and close, with axe on every screen`, async ({
    page,
  }) => {
    const shot = (name: string) => checkScreen(page, `${lang}-${name}`);
    await page.setViewportSize({ width: 1100, height: 760 });
    await page.goto(`${env.site.host.url}${path}`);
    const launcher = page.getByRole('button', { name: labelsFor(lang)[2] });
    await expect(launcher).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(launcher).toBeFocused();
    await shot('launcher');
    await page.keyboard.press('Enter');

    const search = page.getByRole('searchbox', { name: t.searchLabel });
    await expect(search).toBeFocused();
    await shot('home');

    await page.keyboard.type('qwxyzzy nothing');
    await expect(page.getByText(t.noResults('qwxyzzy nothing'))).toBeVisible();
    await shot('no-results');

    await search.fill('');
    await page.keyboard.type('where is my parcel');
    await expect(page.getByRole('button', { name: /^Track your order/ }).first()).toBeVisible();
    await shot('results');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const title = page.getByRole('heading', { name: /Track your order/, level: 3 });
    await expect(title).toBeFocused();
    await shot('article');

    // Tab through the article to "No", then on to the person.
    const no = page.getByRole('button', { name: t.no, exact: true });
    for (
      let i = 0;
      i < 40 && !(await no.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement));
      i++
    )
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await shot('article-not-helpful');
    const ask = page.getByRole('button', { name: t.askPerson });
    await ask.focus(); // the next Tab stop; focus() keeps the loop short and is what Tab reaches
    await page.keyboard.press('Enter');

    const box = page.getByRole('textbox', { name: t.chat.message });
    await expect(box).toBeFocused();
    const question = `Tracking says delivered but nothing came (${lang})`;
    await page.keyboard.type(question);
    await page.keyboard.press('Enter');
    const c = await env.agent.waitForConversation(question);
    await expect(page.getByRole('log').getByText(t.chat.sent)).toBeVisible();
    await shot('chat-waiting');

    await env.agent.claim(c.id);
    await env.agent.say(c.id, 'Sorry about that! Let me check with the courier.');
    await expect(page.getByRole('log').getByText('Let me check with the courier.')).toBeVisible();
    await shot('chat-assigned');

    await env.agent.request('conversation:close', { conversationId: c.id });
    const firstStar = page.getByRole('radio', { name: t.chat.stars(1) });
    await expect(firstStar).toBeFocused();
    for (let i = 0; i < 4; i++) await page.keyboard.press(nextStar);
    await expect(page.getByRole('radio', { name: t.chat.stars(5) })).toBeChecked();
    await shot('rating');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Fast answer');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByText(t.chat.rated)).toBeVisible();
    await shot('rated');

    await page.keyboard.press('Escape');
    await expect(launcher).toBeFocused();
    await expect(launcher).toHaveAttribute('aria-expanded', 'false');
  });
}
