import { expect, type Page, test } from '@playwright/test';
import { checkConsole, tabTo } from './support/console-axe.ts';
import { consoleStage } from './support/console-stage.ts';

// Every console screen under axe (no serious or critical violation), then an admin task done with the
// keyboard alone: sign in, invite a person, change a widget setting, read the shortcuts.
const stage = consoleStage(120_000);
let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await stage.freshPage(browser);
});

let benPassword = '';

test('every console screen passes axe', async () => {
  await page.goto(`${stage.parley.url}/console`);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await checkConsole(page, 'sign-in');
  await page.getByLabel('Email').fill(stage.parley.adminEmail);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect');
  await checkConsole(page, 'sign-in-error');
  await page.getByLabel('Password').fill(stage.parley.adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();

  // Inbox lists, empty and filled.
  await expect(page.getByRole('button', { name: /^Waiting 0/ })).toBeVisible();
  await checkConsole(page, 'inbox-empty');
  await stage.visitorAsks('Grace', 'My parcel has not arrived');
  await stage.visitorAsks('Linus', 'Can I change my delivery address?');
  await expect(page.getByRole('button', { name: /^Waiting 2/ })).toBeVisible();
  await checkConsole(page, 'inbox-waiting');

  // A conversation with the visitor's column beside it.
  await page.getByRole('button', { name: /Grace/ }).click();
  await page.getByRole('button', { name: 'Claim' }).click();
  await expect(page.getByText('· with you')).toBeVisible();
  await page.getByRole('textbox', { name: 'Reply' }).fill('Let me look that up for you.');
  await page.getByRole('textbox', { name: 'Reply' }).press('Enter');
  await expect(page.getByText('Let me look that up for you.')).toBeVisible();
  await checkConsole(page, 'conversation');
  await page.getByRole('button', { name: 'Transfer…' }).click();
  await expect(page.getByLabel('Transfer to')).toBeFocused();
  await checkConsole(page, 'transfer');
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Transfer to')).toHaveCount(0);

  for (const view of ['Mine', 'All open']) {
    await page.getByRole('button', { name: new RegExp(`^${view} `) }).click();
    await checkConsole(page, `inbox-${view.toLowerCase().replace(' ', '-')}`);
  }
  await page.getByRole('button', { name: /Grace/ }).click();
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await page.getByRole('button', { name: /^Closed / }).click();
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill('parcel');
  await expect(page.getByRole('heading', { name: 'Search results' })).toBeVisible();
  await checkConsole(page, 'inbox-closed-search');

  // The visitor's column as a drawer on a tablet.
  await page.setViewportSize({ width: 1000, height: 800 });
  await page.getByRole('button', { name: /^Waiting / }).click();
  await page.getByRole('button', { name: /Linus/ }).click();
  await page.getByRole('button', { name: 'Visitor details' }).click();
  await checkConsole(page, 'visitor-drawer');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Visitor details' })).toBeVisible();
  await page.setViewportSize({ width: 1360, height: 860 });

  // Overlays.
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await checkConsole(page, 'shortcuts');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: 'Notifications' }).click();
  await expect(page.getByRole('dialog', { name: 'Notifications' })).toBeVisible();
  await checkConsole(page, 'preferences');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Saved replies, with one.
  await page.getByRole('button', { name: 'Saved replies' }).click();
  const reply = page.getByRole('form', { name: 'New saved reply' });
  await reply.getByLabel('Shortcut').fill('hello');
  await reply.getByLabel('Title').fill('Hello');
  await reply.getByLabel('Text').fill('Hi, how can I help?');
  await reply.getByRole('button', { name: 'Add saved reply' }).click();
  await expect(page.getByText('Hi, how can I help?')).toBeVisible();
  await checkConsole(page, 'saved-replies');

  // Agents: a one-time password, an invite, a confirmation pending.
  await page.getByRole('button', { name: 'Agents' }).click();
  const form = page.getByRole('form', { name: 'Add a person' });
  await form.getByLabel('Name').fill('Ben Baker');
  await form.getByLabel('Email', { exact: true }).fill('ben@northwind.test');
  await form.getByRole('radio', { name: /One-time password/ }).check();
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('code.secret')).toBeVisible();
  benPassword = ((await page.locator('code.secret').textContent()) ?? '').trim();
  await checkConsole(page, 'agents-one-time-password');
  await page.getByRole('button', { name: 'Done' }).click();
  await form.getByLabel('Name').fill('Ivy Invited');
  await form.getByLabel('Email', { exact: true }).fill('ivy@northwind.test');
  await form.getByRole('radio', { name: /Invite link/ }).check();
  await form.getByRole('checkbox', { name: /Email the link to them/ }).check();
  await form.getByRole('button', { name: 'Create invite link' }).click();
  await expect(page.getByRole('textbox', { name: 'Invite link' })).toBeVisible();
  await expect(page.getByText('the email was only saved in the server', { exact: false })).toBeVisible();
  await checkConsole(page, 'agents-invite-emailed');
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Revoke invite for Ivy Invited' }).click();
  await expect(
    page.getByRole('button', { name: 'Revoke invite for Ivy Invited now', exact: true }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Reset password of Ben Baker' }).click();
  await expect(
    page.getByRole('button', { name: 'Reset password of Ben Baker now', exact: true }),
  ).toBeVisible();
  await checkConsole(page, 'agents-invites');

  await page.getByRole('button', { name: 'Widget & routing' }).click();
  await expect(page.getByLabel('Greeting')).toBeVisible();
  await checkConsole(page, 'settings');
  await page.getByRole('button', { name: 'Content gaps' }).click();
  await expect(page.getByRole('heading', { name: 'Content gaps', level: 1 })).toBeVisible();
  await checkConsole(page, 'content-gaps');

  await page.getByRole('button', { name: /^Your account/ }).click();
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('alert')).toHaveText('Type your current password first.');
  await checkConsole(page, 'account');

  // On a phone: the same screens, and nothing pushes the page sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [screen, name] of [
    ['Agents', 'phone-agents'],
    ['Widget & routing', 'phone-settings'],
  ] as const) {
    await page.getByRole('button', { name: screen, exact: true }).click();
    await expect(page.getByRole('heading', { name: screen, level: 1 })).toBeVisible();
    await checkConsole(page, name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
  await page.setViewportSize({ width: 1360, height: 860 });

  // An invite link that does not work, in a page of its own.
  const stranger = await page.context().newPage();
  await stranger.goto(`${stage.parley.url}/console#invite=not-a-real-invite-token-at-all`);
  await expect(stranger.getByRole('heading', { name: 'This invite link does not work' })).toBeVisible();
  await checkConsole(stranger, 'invite-unknown');
  await stranger.close();
});

test('Choose your password, after a one-time password, passes axe on a desktop and a phone', async ({
  browser,
}) => {
  const ben = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  try {
    const p = await ben.newPage();
    await p.goto(`${stage.parley.url}/console`);
    await p.getByLabel('Email').fill('ben@northwind.test');
    await p.getByLabel('Password').fill(benPassword);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await expect(p.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
    await checkConsole(p, 'choose-password');
    await p.getByRole('button', { name: 'Save password and continue' }).click();
    await expect(p.getByRole('alert')).toHaveText('Choose a password of at least 10 characters.');
    await checkConsole(p, 'choose-password-error');
    await p.setViewportSize({ width: 390, height: 844 });
    await checkConsole(p, 'phone-choose-password');
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // With the keyboard alone.
    await p.getByLabel('New password').focus();
    await p.keyboard.type('copper window garden');
    await p.keyboard.press('Tab');
    await p.keyboard.type('copper window garden');
    await p.keyboard.press('Enter');
    await expect(p.getByRole('button', { name: /^Waiting/ })).toBeVisible();
  } finally {
    await ben.close();
  }
});

test('an admin invites a person and changes a widget setting with the keyboard alone', async ({
  browser,
}) => {
  const kb = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  const p = await kb.newPage();
  await p.goto(`${stage.parley.url}/console`);

  await tabTo(p, p.getByLabel('Email'));
  await p.keyboard.type(stage.parley.adminEmail);
  await p.keyboard.press('Tab');
  await p.keyboard.type(stage.parley.adminPassword);
  await p.keyboard.press('Enter');
  await expect(p.getByRole('button', { name: /^Waiting/ })).toBeVisible();

  // The skip link comes first, then the screens.
  await p.keyboard.press('Tab');
  await expect(p.getByRole('link', { name: 'Skip to conversation' })).toBeFocused();
  await tabTo(p, p.getByRole('button', { name: 'Agents' }));
  await p.keyboard.press('Enter');
  const form = p.getByRole('form', { name: 'Add a person' });
  await tabTo(p, form.getByLabel('Name'));
  await p.keyboard.type('Kai Keys');
  await p.keyboard.press('Tab');
  await p.keyboard.type('kai@northwind.test');
  await p.keyboard.press('Tab');
  await expect(form.getByLabel('Role')).toBeFocused();
  await p.keyboard.press('ArrowDown'); // Agent -> Editor
  await expect(form.getByLabel('Role')).toHaveValue('editor');
  await tabTo(p, form.getByRole('button', { name: 'Create invite link' }));
  await p.keyboard.press('Enter');

  // Focus lands on the new link's announcement; the link and Copy follow.
  const callout = p.getByRole('status').filter({ hasText: 'Send this link to Kai Keys' });
  await expect(callout).toBeFocused();
  await p.keyboard.press('Tab');
  await expect(p.getByRole('textbox', { name: 'Invite link' })).toBeFocused();
  await tabTo(p, p.getByRole('button', { name: 'Done' }));
  await p.keyboard.press('Enter');
  await expect(p.getByRole('table', { name: 'Invites not used yet' })).toContainText('Kai Keys');

  await tabTo(p, p.getByRole('button', { name: 'Widget & routing' }), { back: true });
  await p.keyboard.press('Enter');
  const greeting = p.getByLabel('Greeting');
  await tabTo(p, greeting);
  await p.keyboard.press('ControlOrMeta+A');
  await p.keyboard.type('Hello from Northwind, how can we help?');
  const save = p.getByRole('button', { name: 'Save settings' });
  await tabTo(p, save);
  await p.keyboard.press('Enter');
  await expect(p.getByText(/Settings saved/)).toBeVisible();
  // Saving keeps the keyboard where it was.
  await expect(save).toBeFocused();
  const saved = await (await fetch(`${stage.parley.url}/api/widget/settings`)).json();
  expect(saved.greeting).toBe('Hello from Northwind, how can we help?');

  await p.keyboard.press('?');
  const help = p.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await p.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(p.getByRole('button', { name: 'Save settings' })).toBeFocused();
  await kb.close();
});
