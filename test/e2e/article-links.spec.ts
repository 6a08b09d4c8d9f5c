import { expect, test } from '@playwright/test';
import { siteWithAgent } from './support/site-with-agent.ts';
import { startChat } from './support/widget-site.ts';

const env = siteWithAgent();

test('an article an agent sends opens inside the widget, and its link opens a readable page', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(env.site.host.url);
  await startChat(page, 'How do I send a jumper back?');
  const { id } = await env.agent.waitForConversation('How do I send a jumper back?');
  await env.agent.claim(id);
  const url = `${env.site.parley.url}/kb/returns/return-an-item`;
  await env.agent.request('message:send', {
    conversationId: id,
    clientId: `article-${Date.now()}`,
    text: `This explains it: Return an item: ${url}`,
    article: { slug: 'returns/return-an-item', title: 'Return an item' },
  });

  // In the chat: the agent's words, then an article card in place of the raw URL.
  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log.getByText('This explains it:')).toBeVisible();
  await expect(log.getByText(url)).toHaveCount(0);
  const card = log.getByRole('link', { name: /Return an item/ });
  await expect(card).toHaveAttribute('href', url);

  // It opens inline, like a link inside an article; Back returns to the chat, not to the search.
  await card.click();
  await expect(page.getByRole('dialog').getByRole('heading', { name: 'Return an item' })).toBeVisible();
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(log.getByText('This explains it:')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();

  // Anywhere else (an email, a copied link), the URL opens the help centre's readable page, with no errors.
  const article = await context.newPage();
  const errors: string[] = [];
  article.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const res = await article.goto(url);
  expect(res?.status()).toBe(200);
  await expect(article.getByRole('heading', { level: 1, name: 'Return an item' })).toBeVisible();
  await expect(article.getByText(/Start a free return within 30 days/).first()).toBeVisible();
  await expect(article.getByRole('navigation', { name: 'Related articles' })).toBeVisible();
  // Links between articles stay on these pages.
  const related = article.getByRole('navigation', { name: 'Related articles' }).getByRole('link').first();
  await related.click();
  await expect(article).toHaveURL(/\/kb\/[a-z0-9-]+\/[a-z0-9-]+$/);
  await expect(article.getByRole('heading', { level: 1 })).toBeVisible();
  expect(errors).toEqual([]);

  const missing = await article.goto(`${env.site.parley.url}/kb/returns/no-such-article`);
  expect(missing?.status()).toBe(404);
  await expect(article.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await context.close();
});
