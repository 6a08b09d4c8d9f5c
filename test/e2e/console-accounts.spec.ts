import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { checkConsole } from './support/console-axe.ts';
import { consoleStage, signIn } from './support/console-stage.ts';

// An admin invites Nia (and has the link emailed); Nia opens the link in her own browser, chooses a password and
// works, while the admin's open Agents screen follows; her unsent reply survives a reload and a sign-out; she
// changes her password and her other browser is signed out. Otto gets a one-time password and must replace it.
const stage = consoleStage();

let admin: Page;
let nia: Page;
let inviteUrl = '';
const NIA_EMAIL = 'nia@northwind.test';
const NIA_PASSWORD = 'paper lantern river';

test('an admin makes an invite link; the new agent opens it, chooses a password and lands in the inbox', async ({
  browser,
}) => {
  admin = await stage.freshPage(browser);
  await signIn(admin, stage.parley.adminEmail, stage.parley.adminPassword);
  await admin.getByRole('button', { name: 'Agents' }).click();
  const form = admin.getByRole('form', { name: 'Add a person' });
  await form.getByLabel('Name').fill('Nia Novak');
  await form.getByLabel('Email', { exact: true }).fill(NIA_EMAIL);
  await form.getByRole('checkbox', { name: /Email the link to them/ }).check();
  await form.getByRole('button', { name: 'Create invite link' }).click();
  const link = admin.getByRole('textbox', { name: 'Invite link' });
  await expect(link).toHaveValue(/\/console#invite=[A-Za-z0-9_-]{43}$/);
  inviteUrl = await link.inputValue();
  // Without SMTP_URL the email waits in the outbox folder, with the same link in it, and the admin is told.
  await expect(
    admin.getByRole('status').filter({ hasText: "the email was only saved in the server's outbox folder" }),
  ).toBeVisible();
  const outbox = join(stage.parley.dataDir, 'outbox');
  const eml = readFileSync(join(outbox, readdirSync(outbox)[0] ?? ''), 'utf8').replace(/=\r?\n/g, '');
  expect(eml).toContain(`To: ${NIA_EMAIL}`);
  expect(eml).toContain(inviteUrl.replace(/=/g, '=3D'));
  await expect(admin.getByRole('table', { name: 'Invites not used yet' })).toContainText('Nia Novak');
  await checkConsole(admin, 'agents-invite-link');

  nia = await stage.freshPage(browser, inviteUrl);
  await expect(nia.getByRole('heading', { name: 'Welcome, Nia Novak' })).toBeVisible();
  await expect(nia.getByLabel('Email')).toHaveValue(NIA_EMAIL);
  await checkConsole(nia, 'invite-page');
  await nia.getByLabel('New password').fill('too short');
  await nia.getByLabel('Confirm password').fill('too short');
  await nia.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(nia.getByRole('alert')).toHaveText('Choose a password of at least 10 characters.');
  await nia.getByLabel('New password').fill(NIA_PASSWORD);
  await nia.getByLabel('Confirm password').fill(NIA_PASSWORD);
  await nia.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(nia.getByRole('button', { name: /^Waiting 0/ })).toBeVisible();
  await expect(nia.getByRole('button', { name: 'Your account: Nia Novak' })).toBeVisible();
  expect(new URL(nia.url()).hash).toBe('');

  // The link worked once.
  const again = await stage.freshPage(browser, inviteUrl);
  await expect(again.getByRole('heading', { name: 'This invite has already been used' })).toBeVisible();
  await checkConsole(again, 'invite-used');
  await again.getByRole('button', { name: 'Go to sign-in' }).click();
  await expect(again.getByRole('button', { name: 'Sign in' })).toBeVisible();

  // The admin's Agents screen, open all along, followed without a reload.
  await expect(admin.getByRole('rowheader', { name: /Nia Novak/ })).toBeVisible();
  await expect(admin.getByText('No invite is waiting to be used.', { exact: false })).toBeVisible();
});

test('an unsent reply survives a reload and signing out and in again', async () => {
  await stage.visitorAsks('Grace', 'Where is order 7?');
  await nia.getByRole('button', { name: /Grace/ }).click();
  const reply = nia.getByRole('textbox', { name: 'Reply' });
  await reply.fill('Order 7 left our warehouse this morning');
  await nia.reload();
  await nia.getByRole('button', { name: /Grace/ }).click();
  await expect(reply).toHaveValue('Order 7 left our warehouse this morning');

  await nia.getByRole('button', { name: 'Sign out' }).click();
  await signIn(nia, NIA_EMAIL, NIA_PASSWORD);
  await nia.getByRole('button', { name: /Grace/ }).click();
  await expect(reply).toHaveValue('Order 7 left our warehouse this morning');
});

test('changing one’s password keeps this browser signed in and signs the others out', async ({ browser }) => {
  const elsewhere = await stage.freshPage(browser);
  await signIn(elsewhere, NIA_EMAIL, NIA_PASSWORD);
  await expect(elsewhere.getByRole('button', { name: /^Waiting/ })).toBeVisible();

  await nia.getByRole('button', { name: 'Your account: Nia Novak' }).click();
  await nia.getByLabel('Current password').fill('not my password');
  await nia.getByLabel('New password').fill('lantern river paper');
  await nia.getByLabel('Confirm password').fill('lantern river paper');
  await nia.getByRole('button', { name: 'Change password' }).click();
  await expect(nia.getByRole('alert')).toHaveText('The current password is not right.');
  await nia.getByLabel('Current password').fill(NIA_PASSWORD);
  await nia.getByRole('button', { name: 'Change password' }).click();
  await expect(nia.getByRole('status').filter({ hasText: 'Your password is changed' })).toBeVisible();
  await checkConsole(nia, 'account-password-changed');

  // The other browser keeps its screen, under a panel asking to sign in again.
  const panel = elsewhere.getByRole('dialog', { name: 'Sign in again' });
  await expect(panel.getByText('Your session ended. Sign in again to continue.')).toBeVisible();
  await expect(panel.getByLabel('Email')).toHaveValue(NIA_EMAIL);
  await expect(panel.getByLabel('Password')).toBeFocused();
  await checkConsole(elsewhere, 'session-ended');
  await signIn(elsewhere, NIA_EMAIL, NIA_PASSWORD);
  await expect(elsewhere.getByRole('alert')).toHaveText('Email or password is incorrect');
  await signIn(elsewhere, NIA_EMAIL, 'lantern river paper');
  await expect(panel).toHaveCount(0);
  // The realtime link is back: a new visitor shows up without a reload.
  await stage.visitorAsks('Ada', 'Do you ship to Norway?');
  await expect(elsewhere.getByRole('button', { name: /Ada/ })).toBeVisible();

  await nia.getByRole('button', { name: 'Inbox' }).click();
  await expect(nia.getByRole('button', { name: /Grace/ })).toBeVisible();
});

test('a one-time password opens only Choose your password until the person chooses their own', async ({
  browser,
}) => {
  await admin.getByRole('button', { name: 'Done' }).click();
  const form = admin.getByRole('form', { name: 'Add a person' });
  await form.getByLabel('Name').fill('Otto Olsen');
  await form.getByLabel('Email', { exact: true }).fill('otto@northwind.test');
  await form.getByRole('radio', { name: /One-time password/ }).check();
  await form.getByRole('button', { name: 'Create account' }).click();
  const oneTime = ((await admin.locator('code.secret').textContent()) ?? '').trim();
  const ottoRow = admin.getByRole('row', { name: /Otto Olsen/ });
  await expect(ottoRow).toContainText('Has not chosen a password yet');

  const otto = await stage.freshPage(browser);
  await signIn(otto, 'otto@northwind.test', oneTime);
  await expect(otto.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
  // Nothing of the console is there: no inbox, no screens.
  await expect(otto.getByRole('button', { name: /^Waiting/ })).toHaveCount(0);
  await expect(otto.getByRole('banner')).toHaveCount(0);
  await otto.getByLabel('New password').fill(oneTime);
  await otto.getByLabel('Confirm password').fill(oneTime);
  await otto.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(otto.getByRole('alert')).toHaveText(
    'That is the one-time password. Choose a password of your own.',
  );
  // A reload does not get round it.
  await otto.reload();
  await expect(otto.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
  await otto.getByLabel('New password').fill('harbour kettle meadow');
  await otto.getByLabel('Confirm password').fill('harbour kettle meadow');
  await otto.getByRole('button', { name: 'Save password and continue' }).click();
  await expect(otto.getByRole('button', { name: 'Your account: Otto Olsen' })).toBeVisible();
  // The realtime link works: a new visitor shows up without a reload.
  await stage.visitorAsks('Maya', 'Can I pay by invoice?');
  await expect(otto.getByRole('button', { name: /Maya/ })).toBeVisible();
  await expect(ottoRow).not.toContainText('Has not chosen a password yet');

  await otto.getByRole('button', { name: 'Sign out' }).click();
  await signIn(otto, 'otto@northwind.test', oneTime);
  await expect(otto.getByRole('alert')).toHaveText('Email or password is incorrect');
});
