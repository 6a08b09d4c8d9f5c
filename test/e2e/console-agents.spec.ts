import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { request } from '../support/request.ts';
import { consoleStage, signIn, type Visitor } from './support/console-stage.ts';

// Two agents, two visitors (socket.io clients standing in for the widget), one admin, one Parley process.
const stage = consoleStage();

/** A console page whose desktop notifications are recorded (permission granted to the context). */
function consolePage(browser: Browser): Promise<Page> {
  return stage.freshPage(browser, undefined, { permissions: ['notifications'] }, (context) =>
    context.addInitScript(() => {
      const shown: string[] = [];
      (window as unknown as { shown: string[] }).shown = shown;
      const Real = window.Notification;
      window.Notification = new Proxy(Real, {
        construct(target, args: [string, NotificationOptions?]) {
          shown.push(args[0]);
          return Reflect.construct(target, args);
        },
      });
    }),
  );
}

const shown = (page: Page) => page.evaluate(() => (window as unknown as { shown: string[] }).shown);

let admin: Page;
let ben: Page;
let benPassword = '';
let first: Visitor;

test('an admin adds an agent, who signs in with the one-time password and chooses their own', async ({
  browser,
}) => {
  admin = await consolePage(browser);
  await signIn(admin, stage.parley.adminEmail, stage.parley.adminPassword);
  await admin.getByRole('button', { name: 'Agents' }).click();
  const form = admin.getByRole('form', { name: 'Add a person' });
  await form.getByLabel('Name').fill('Ben Baker');
  await form.getByLabel('Email', { exact: true }).fill('ben@northwind.test');
  await form.getByRole('radio', { name: /One-time password/ }).check();
  await form.getByRole('button', { name: 'Create account' }).click();
  const secret = admin.locator('code.secret');
  await expect(secret).toBeVisible();
  benPassword = (await secret.textContent()) ?? '';
  expect(benPassword).toHaveLength(16);
  const axe = await new AxeBuilder({ page: admin }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  await admin.getByRole('button', { name: 'Done' }).click();

  // A saved reply, made on its screen, for the composer later.
  await admin.getByRole('button', { name: 'Saved replies' }).click();
  const reply = admin.getByRole('form', { name: 'New saved reply' });
  await reply.getByLabel('Shortcut').fill('shipping-time');
  await reply.getByLabel('Title').fill('Shipping time');
  await reply.getByLabel('Text').fill('Orders ship within 2 working days.');
  await reply.getByRole('button', { name: 'Add saved reply' }).click();
  await expect(admin.getByText('Orders ship within 2 working days.')).toBeVisible();
  await admin.getByRole('button', { name: 'Inbox' }).click();

  ben = await consolePage(browser);
  await signIn(ben, 'ben@northwind.test', benPassword);
  await expect(ben.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
  benPassword = 'ledger puffin orchard';
  await ben.getByLabel('New password').fill(benPassword);
  await ben.getByLabel('Confirm password').fill(benPassword);
  await ben.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(ben.getByRole('button', { name: /^Waiting 0/ })).toBeVisible();
});

test('a new visitor alerts both agents; both claim at once and exactly one wins', async () => {
  first = await stage.visitorAsks('Grace', 'My parcel has not arrived');
  for (const page of [admin, ben]) {
    await expect(page.getByRole('button', { name: /Grace/ })).toBeVisible();
    await expect(page).toHaveTitle(/^\(1\) Parley Console/);
    await expect.poll(() => shown(page)).toContain('Grace is waiting');
    await page.getByRole('button', { name: /Grace/ }).click();
  }
  // Each sees the other looking at the same visitor.
  await expect(admin.getByText('Ben Baker is also viewing')).toBeVisible();
  await expect(ben.getByRole('status').filter({ hasText: /is also viewing/ })).toBeVisible();

  // Both press Claim together. The loser either gets "Already taken by …" or sees the button go first.
  const claim = (page: Page) =>
    page
      .getByRole('button', { name: 'Claim' })
      .click({ timeout: 3000 })
      .catch(() => undefined);
  await Promise.all([claim(admin), claim(ben)]);
  for (const page of [admin, ben]) {
    await expect(page.getByRole('button', { name: 'Claim' })).toHaveCount(0);
  }
  const adminWon = await admin.getByText('· with you').isVisible();
  const [winner, loser] = adminWon ? [admin, ben] : [ben, admin];
  await expect(winner.getByText('· with you')).toBeVisible();
  await expect(loser.getByText('· with you')).toHaveCount(0);
  await expect(loser.getByText(adminWon ? '· with admin' : '· with Ben Baker')).toBeVisible();
  await expect.poll(() => first.received.filter((t) => t.endsWith('joined the conversation')).length).toBe(1);
  // Keep the roles fixed for the rest of the story: Ben answers.
  if (winner === admin) {
    await admin.getByRole('button', { name: 'Transfer…' }).click();
    await admin.getByLabel('Transfer to').selectOption({ label: 'Ben Baker (online)' });
    await admin.getByRole('button', { name: 'Transfer', exact: true }).click();
  }
  await expect(ben.getByText('· with you')).toBeVisible();
});

test('a saved reply, an article link and an internal note; the visitor sees only the first two', async () => {
  const reply = ben.getByRole('textbox', { name: 'Reply' });
  await reply.click();
  await reply.pressSequentially('/ship');
  await expect(ben.getByRole('option', { name: /Shipping time/ })).toBeVisible();
  await reply.press('Enter');
  await expect(reply).toHaveValue('Orders ship within 2 working days.');
  await reply.press('Enter');
  await expect.poll(() => first.received).toContain('Orders ship within 2 working days.');

  await ben.getByRole('button', { name: 'Insert article' }).click();
  await ben.getByRole('searchbox', { name: 'Search articles' }).fill('track my order');
  await ben.getByRole('button', { name: 'Insert link to Track your order' }).first().click();
  await expect(reply).toHaveValue(`Track your order: ${stage.parley.url}/kb/orders/track-your-order`);
  await reply.press('Enter');
  await expect
    .poll(() => first.received)
    .toContain(`Track your order: ${stage.parley.url}/kb/orders/track-your-order`);

  await ben.getByRole('checkbox', { name: 'Internal note' }).check();
  await reply.fill('Courier says Tuesday; keep an eye on it');
  await ben.getByRole('button', { name: 'Add note' }).click();
  await expect(ben.getByText('Courier says Tuesday; keep an eye on it')).toBeVisible();
  await ben.getByRole('checkbox', { name: 'Internal note' }).uncheck();

  // A second visitor arrives; while Ben looks at them, a new message in his chat with Grace alerts him.
  await stage.visitorAsks('Linus', 'Can I change my address?');
  await ben.getByRole('button', { name: /Linus/ }).click();
  await expect(ben.locator('#conversation-title')).toHaveText('Linus');
  await request(first.socket, 'message:send', {
    conversationId: first.conversationId,
    clientId: `e2e-followup-${Date.now()}`,
    text: 'Thanks, and the invoice?',
  });
  await expect.poll(() => shown(ben)).toContain('Grace');
  expect(first.received).not.toContain('Courier says Tuesday; keep an eye on it');
});

test('a transfer carries a note; closing brings back the visitor’s rating', async () => {
  await ben.getByRole('button', { name: /^Mine 1/ }).click();
  await ben.getByRole('button', { name: /Grace/ }).click();
  await ben.getByRole('button', { name: 'Transfer…' }).click();
  await ben.getByLabel('Transfer to').selectOption({ label: 'admin (online)' });
  await ben.getByLabel('Note for the next agent').fill('She needs the invoice for order 42');
  await ben.getByRole('button', { name: 'Transfer', exact: true }).click();

  await admin.getByRole('button', { name: /^Mine 1/ }).click();
  await admin.getByRole('button', { name: /Grace/ }).click();
  await expect(admin.getByText('She needs the invoice for order 42')).toBeVisible();
  await admin.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(admin.getByRole('button', { name: 'Reopen' })).toBeVisible();

  await request(first.socket, 'conversation:rate', {
    conversationId: first.conversationId,
    rating: 5,
    comment: 'Quick and kind',
  });
  await expect(admin.getByText('Rated 5/5: “Quick and kind”')).toBeVisible();
  expect(first.received).not.toContain('She needs the invoice for order 42');

  // The second visitor still waits; the tab title counts them.
  await expect(admin).toHaveTitle(/^\(1\) Parley Console/);
  const axe = await new AxeBuilder({ page: admin }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

test('a disabled agent is locked out at once and cannot sign in again', async () => {
  await admin.getByRole('button', { name: 'Agents' }).click();
  await admin.getByRole('button', { name: 'Disable Ben Baker' }).click();
  await admin.getByRole('button', { name: 'Disable Ben Baker now' }).click();
  await expect(admin.getByText('Disabled')).toBeVisible();

  await expect(ben.getByText('Your session ended. Sign in again to continue.')).toBeVisible();
  await signIn(ben, 'ben@northwind.test', benPassword);
  await expect(ben.getByRole('alert')).toHaveText('Email or password is incorrect');
});
