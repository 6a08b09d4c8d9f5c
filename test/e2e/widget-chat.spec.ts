import { expect, test } from '@playwright/test';
import { siteWithAgent } from './support/site-with-agent.ts';
import { startChat } from './support/widget-site.ts';

const env = siteWithAgent();

test('a chat lives on across a reload and a second tab, then ends with a rating', async ({ browser }) => {
  const context = await browser.newContext();
  const tab1 = await context.newPage();
  await tab1.goto(env.site.host.url);
  const box = await startChat(tab1, 'My parcel has not arrived yet');
  const created = await env.agent.waitForConversation('My parcel has not arrived');
  const id = created.id;

  // Waiting: the queue position is shown, and the message is acknowledged.
  const log = tab1.getByRole('log', { name: 'Conversation' });
  await expect(tab1.getByRole('status').filter({ hasText: /next in line|in the queue/ })).toBeVisible();
  await expect(log.getByText('Sent')).toBeVisible();

  await env.agent.claim(id);
  await expect(tab1.getByText(/Admin.* is helping you|is helping you/)).toBeVisible();
  await env.agent.request('typing:set', { conversationId: id, typing: true });
  await expect(tab1.getByText(/is typing…/)).toBeVisible();
  await env.agent.say(id, 'It left our warehouse this morning.');
  await expect(log.getByText('It left our warehouse this morning.')).toBeVisible();
  await expect(tab1.getByText(/is typing…/)).toBeHidden();
  // The panel is open on the chat: the reply is read, and the agent's read receipt comes back as "Read".
  await env.agent.request('message:read', { conversationId: id, seq: 2 });
  await expect(log.getByText('Read')).toBeVisible();

  // An unsent draft survives a reload, and so does the conversation.
  await box.fill('Half-written question');
  await tab1.reload();
  await expect(tab1.getByRole('textbox', { name: 'Message' })).toHaveValue('Half-written question');
  await expect(log.getByText('It left our warehouse this morning.')).toBeVisible();
  await expect(log.getByText('My parcel has not arrived yet')).toBeVisible();

  // A second tab of the same site shows the same conversation; a message sent in one appears once in the other.
  const tab2 = await context.newPage();
  await tab2.goto(env.site.host.url);
  await tab2.getByRole('button', { name: 'Open help' }).click();
  const log2 = tab2.getByRole('log', { name: 'Conversation' });
  await expect(log2.getByText('It left our warehouse this morning.')).toBeVisible();
  const box2 = tab2.getByRole('textbox', { name: 'Message' });
  await box2.fill('Sent from the second tab');
  await box2.press('Enter');
  await expect(log.getByText('Sent from the second tab')).toHaveCount(1);
  await expect(log2.getByText('Sent from the second tab')).toHaveCount(1);
  await env.agent.say(id, 'Both tabs see this.');
  await expect(log.getByText('Both tabs see this.')).toHaveCount(1);
  await expect(log2.getByText('Both tabs see this.')).toHaveCount(1);

  // The agent closes: the visitor rates once (1-5 and a comment), then may start anew.
  await env.agent.request('conversation:close', { conversationId: id });
  await expect(tab1.getByText('This conversation has ended.')).toBeVisible();
  await tab1.getByRole('radio', { name: '4 stars' }).check();
  await tab1.getByRole('textbox', { name: /Anything to add/ }).fill('Quick and kind');
  await tab1.getByRole('button', { name: 'Send rating' }).click();
  await expect(tab1.getByText('Thanks for your feedback!')).toBeVisible();
  const detail = await env.agent.open(id);
  expect(detail.conversation.rating).toBe(4);
  expect(detail.conversation.ratingComment).toBe('Quick and kind');

  await tab1.getByRole('button', { name: 'Start a new conversation' }).click();
  await expect(tab1.getByRole('textbox', { name: 'Message' })).toBeFocused();
  await expect(log.getByText('It left our warehouse this morning.')).toHaveCount(0);
  await context.close();
});

test('the visitor can end the chat and gets the unread badge while the panel is closed', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(env.site.host.url);
  await page.evaluate(() => {
    const w = window as unknown as { Parley: (...a: unknown[]) => void; unreadEvents: number[] };
    w.unreadEvents = [];
    w.Parley('on', 'unread', (e: { count: number }) => w.unreadEvents.push(e.count));
  });
  await startChat(page, 'Can I change my address?');
  const c = await env.agent.waitForConversation('Can I change my address?');
  await env.agent.claim(c.id);
  await page.keyboard.press('Escape');
  const launcher = page.getByRole('button', { name: 'Open help' });
  await expect(launcher).toBeFocused();
  await env.agent.say(c.id, 'Yes, until it ships.');
  await expect(launcher).toHaveAccessibleDescription('1 unread message');
  expect(await page.evaluate(() => (window as unknown as { unreadEvents: number[] }).unreadEvents)).toContain(
    1,
  );
  // On the next page of the site the reply is still unread.
  await page.reload();
  await expect(launcher).toHaveAccessibleDescription('1 unread message');

  await launcher.click();
  await expect(page.getByRole('log').getByText('Yes, until it ships.')).toBeVisible();
  await expect(launcher).toHaveAccessibleDescription('');
  await page.getByRole('button', { name: 'End chat' }).click();
  // One more, deliberate click: "Keep chatting" would keep it open.
  await page.getByRole('group', { name: 'End this chat?' }).getByRole('button', { name: 'End chat' }).click();
  await expect(page.getByText('This conversation has ended.')).toBeVisible();
  await expect(page.getByRole('log').getByText('You ended the chat.')).toBeVisible();
  await expect(page.getByRole('group', { name: 'How was your conversation?' })).toBeVisible();
  await context.close();
});

for (const transport of ['BroadcastChannel', 'storage events'] as const) {
  test(`another tab mirrors reading, ending, rating and starting anew (${transport})`, async ({
    browser,
  }) => {
    const context = await browser.newContext();
    if (transport === 'storage events')
      await context.addInitScript(() => {
        // A browser without BroadcastChannel: the tabs talk through storage events.
        delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
      });
    const [tab1, tab2] = [await context.newPage(), await context.newPage()];
    await tab1.goto(env.site.host.url);
    const question = `Two tabs, ${transport}`;
    await startChat(tab1, question);
    const c = await env.agent.waitForConversation(question);
    await env.agent.claim(c.id);
    await tab2.goto(env.site.host.url);
    const launcher1 = tab1.getByRole('button', { name: 'Open help' });
    const launcher2 = tab2.getByRole('button', { name: 'Open help' });
    const log1 = tab1.getByRole('log', { name: 'Conversation' });
    const log2 = tab2.getByRole('log', { name: 'Conversation' });

    // The second tab has the conversation too.
    await launcher2.click();
    await expect(log2.getByText(question)).toBeVisible();

    // A reply while both panels are closed shows on both launchers; reading it in one clears the other.
    for (const [tab, launcher] of [
      [tab1, launcher1],
      [tab2, launcher2],
    ] as const) {
      await tab.keyboard.press('Escape');
      await expect(launcher).toHaveAttribute('aria-expanded', 'false');
    }
    await env.agent.say(c.id, 'One reply for both tabs');
    await expect(launcher1).toHaveAccessibleDescription('1 unread message');
    await expect(launcher2).toHaveAccessibleDescription('1 unread message');
    await launcher1.click();
    await expect(log1.getByText('One reply for both tabs')).toBeVisible();
    await expect(launcher2).toHaveAccessibleDescription('');

    // Ending and rating in the first tab show in the second.
    await launcher2.click();
    await expect(log2.getByText('One reply for both tabs')).toBeVisible();
    await tab1.getByRole('button', { name: 'End chat' }).click();
    await tab1
      .getByRole('group', { name: 'End this chat?' })
      .getByRole('button', { name: 'End chat' })
      .click();
    await expect(tab2.getByText('This conversation has ended.')).toBeVisible();
    await tab1.getByRole('radio', { name: '5 stars' }).check();
    await tab1.getByRole('button', { name: 'Send rating' }).click();
    await expect(tab2.getByText('Thanks for your feedback!')).toBeVisible();

    // "Start a new conversation" in the first tab empties the second; a message from the second shows in the first.
    await tab1.getByRole('button', { name: 'Start a new conversation' }).click();
    await expect(log2.getByText('One reply for both tabs')).toHaveCount(0);
    const box2 = tab2.getByRole('textbox', { name: 'Message' });
    await expect(box2).toBeVisible();
    await box2.fill('A new question from the second tab');
    await box2.press('Enter');
    await expect(log1.getByText('A new question from the second tab')).toHaveCount(1);
    await expect(log1.getByText(question)).toHaveCount(0);
    await context.close();
  });
}

test('a tab where the visitor only browsed help picks up a chat started in another tab', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const [browsing, chatting] = [await context.newPage(), await context.newPage()];
  await browsing.goto(env.site.host.url);
  const launcher = browsing.getByRole('button', { name: 'Open help' });
  await launcher.click();
  await browsing.getByRole('searchbox', { name: 'Search help articles' }).fill('refund');
  await browsing.keyboard.press('Escape');
  await expect(launcher).toHaveAttribute('aria-expanded', 'false');

  await chatting.goto(env.site.host.url);
  await startChat(chatting, 'Started in the other tab');
  const c = await env.agent.waitForConversation('Started in the other tab');
  await env.agent.claim(c.id);
  await expect(chatting.getByText('is helping you.')).toBeVisible();
  await chatting.keyboard.press('Escape');
  await env.agent.say(c.id, 'Seen from every tab');
  await expect(launcher).toHaveAccessibleDescription('1 unread message');
  await launcher.click();
  await expect(
    browsing.getByRole('log', { name: 'Conversation' }).getByText('Seen from every tab'),
  ).toBeVisible();
  await context.close();
});

test('a tab where the widget was never opened shows the unread badge for a chat started in another tab', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const [idle, chatting] = [await context.newPage(), await context.newPage()];
  await idle.goto(env.site.host.url);
  await idle.evaluate(() => {
    const w = window as unknown as { Parley: (...a: unknown[]) => void; unreadEvents: number[] };
    w.unreadEvents = [];
    w.Parley('on', 'unread', (e: { count: number }) => w.unreadEvents.push(e.count));
  });
  const launcher = idle.getByRole('button', { name: 'Open help' });
  await expect(launcher).toHaveAttribute('aria-expanded', 'false');

  await chatting.goto(env.site.host.url);
  await startChat(chatting, 'Started while the other tab sat idle');
  const c = await env.agent.waitForConversation('Started while the other tab sat idle');
  await env.agent.claim(c.id);
  await expect(chatting.getByText('is helping you.')).toBeVisible();
  await chatting.keyboard.press('Escape');
  await env.agent.say(c.id, 'Seen from the idle tab too');

  // No click in the idle tab: its launcher shows the reply as unread, and the page hears about it.
  await expect(launcher).toHaveAccessibleDescription('1 unread message');
  await expect
    .poll(() => idle.evaluate(() => (window as unknown as { unreadEvents: number[] }).unreadEvents))
    .toContain(1);
  await expect(launcher).toHaveAttribute('aria-expanded', 'false');
  await launcher.click();
  await expect(
    idle.getByRole('log', { name: 'Conversation' }).getByText('Seen from the idle tab too'),
  ).toBeVisible();
  await context.close();
});
