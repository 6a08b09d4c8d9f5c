import { expect, test } from '@playwright/test';
import { checkConsole } from './support/console-axe.ts';
import { siteWithAgent } from './support/site-with-agent.ts';

const env = siteWithAgent();
test.setTimeout(120_000);

// Two visitors help themselves (one finds the answer, one asks a person and rates the chat), an agent
// answers and closes; then the admin sees all of it on the Reports screen, which passes axe.
test('real self-service sessions and conversations show up in the report', async ({ browser }) => {
  const funnel: unknown[] = [];
  const visitor = async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('request', (r) => {
      if (r.url().endsWith('/api/reports/sessions')) funnel.push(r.postDataJSON());
    });
    await page.goto(env.site.host.url);
    await page.getByRole('button', { name: 'Open help' }).click();
    await page.getByRole('searchbox', { name: 'Search help articles' }).fill('where is my parcel');
    await page
      .getByRole('button', { name: /^Track your order/ })
      .first()
      .click();
    await expect(page.getByRole('heading', { name: /Track your order/, level: 3 })).toBeVisible();
    return { context, page };
  };

  // 1: the article answered the question.
  const one = await visitor();
  await one.page.getByRole('button', { name: 'Yes', exact: true }).click();

  // 2: still stuck, asks a person; the agent answers and closes; the visitor rates it 5.
  const two = await visitor();
  await two.page.getByRole('button', { name: 'Talk to a person' }).click();
  const box = two.page.getByRole('textbox', { name: 'Message' });
  await box.fill('The parcel page shows nothing');
  await box.press('Enter');
  const c = await env.agent.waitForConversation('The parcel page shows nothing');
  await env.agent.claim(c.id);
  await env.agent.say(c.id, 'It left our warehouse this morning.');
  await expect(two.page.getByText('It left our warehouse this morning.')).toBeVisible();
  await env.agent.request('conversation:close', { conversationId: c.id });
  await two.page.getByRole('radio', { name: '5 stars' }).check();
  await two.page.getByRole('button', { name: 'Send rating' }).click();
  await expect(two.page.getByText('Thanks for your feedback!')).toBeVisible();
  await expect.poll(() => JSON.stringify(funnel)).toContain('"kind":"chat"');

  // 3: asks a person straight away (no self-service session) and is still waiting: started, not resolved.
  const three = await browser.newContext();
  const p3 = await three.newPage();
  await p3.goto(env.site.host.url);
  await p3.getByRole('button', { name: 'Open help' }).click();
  await p3.getByRole('button', { name: 'Talk to a person' }).click();
  await p3.getByRole('textbox', { name: 'Message' }).fill('Do you ship to Norway?');
  await p3.getByRole('textbox', { name: 'Message' }).press('Enter');
  await env.agent.waitForConversation('Do you ship to Norway?');

  // The admin opens Reports (last 7 days).
  const admin = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
  await admin.goto(`${env.site.parley.url}/console`);
  await admin.getByLabel('Email').fill(env.site.parley.adminEmail);
  await admin.getByLabel('Password').fill(env.site.parley.adminPassword);
  await admin.getByRole('button', { name: 'Sign in' }).click();
  await admin.getByRole('button', { name: 'Reports' }).click();
  const kpis = admin.getByRole('list', { name: 'Headline numbers' });
  const kpi = (label: string) => kpis.getByRole('listitem').filter({ hasText: label });
  await expect(kpi('Conversations')).toContainText('2');
  await expect(kpi('Resolved')).toContainText('1');
  await expect(kpi('CSAT (average of 5)')).toContainText('5.00');
  await expect(kpi('Self-service sessions')).toContainText('2');
  await expect(kpi('Deflection rate')).toContainText('50%');

  const funnelCard = admin.getByRole('region', { name: 'Self-service funnel' });
  await funnelCard.getByText('Numbers as a table').click();
  const rows = funnelCard.getByRole('row');
  await expect(rows.filter({ hasText: 'Engaged' })).toContainText('2');
  await expect(rows.filter({ hasText: 'Asked for a person' })).toContainText('1');
  await expect(rows.filter({ hasText: 'Rated' })).toContainText('1');
  await expect(
    admin.getByRole('region', { name: 'Conversations per day' }).locator('canvas').first(),
  ).toBeVisible();
  await checkConsole(admin, 'reports');

  // A count opens exactly the conversations behind it in the inbox, labelled with the count and period.
  await kpi('Resolved').getByRole('link').click();
  const drill = admin.getByRole('region', { name: /^Reports: Resolved, / });
  await expect(drill.getByRole('heading')).toHaveText(/^Reports: Resolved, .+ — 1 conversation$/);
  await expect(drill.getByRole('listitem')).toHaveCount(1);
  await expect(drill.getByRole('listitem')).toContainText('The parcel page shows nothing');
  await drill.getByRole('listitem').first().getByRole('button').first().click();
  await expect(admin.getByText('It left our warehouse this morning.')).toBeVisible();
  await checkConsole(admin, 'inbox-report-view');

  // Back to Reports, on the same period; the started count lists both conversations, the waiting one too.
  await drill.getByRole('link', { name: 'Back to Reports' }).click();
  const counts = admin.getByRole('region', { name: 'Conversations behind the numbers' });
  await counts.getByRole('link', { name: 'Conversations: 2' }).click();
  const all = admin.getByRole('region', { name: /^Reports: Conversations, / });
  await expect(all.getByRole('heading')).toHaveText(/— 2 conversations$/);
  await expect(all.getByRole('listitem')).toHaveCount(2);
  await expect(all).toContainText('Do you ship to Norway?');
  await all.getByRole('button', { name: 'Show the inbox' }).click();
  await expect(all).toHaveCount(0);
  await expect(admin.getByRole('button', { name: /^Waiting 1/ })).toHaveAttribute('aria-pressed', 'true');
  await one.context.close();
  await two.context.close();
  await three.close();
});
