import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InviteDTO, InviteLookupResponse } from '../../../server/protocol/accounts.ts';
import { AccountScreen } from '../../../widget/console/account/AccountScreen.tsx';
import { AgentsScreen } from '../../../widget/console/admin/AgentsScreen.tsx';
import { ApiError, type ConsoleApi } from '../../../widget/console/api.ts';
import { DepsContext } from '../../../widget/console/deps.ts';
import { App } from '../../../widget/console/shell/App.tsx';
import { agent, deps, fakeApi, fakeConnection, INVITE_EXPIRY, NOW } from './fakes.ts';

const me = agent({ role: 'admin', name: 'Alma', id: 'a-admin' });
const withApi = (api: Partial<ConsoleApi>, ui: preact.ComponentChild) =>
  render(<DepsContext.Provider value={deps({ api: fakeApi(api) })}>{ui}</DepsContext.Provider>);

const pendingInvite = (over: Partial<InviteDTO> = {}): InviteDTO => ({
  id: 'i1',
  email: 'nia@example.com',
  name: 'Nia',
  role: 'agent',
  createdAt: new Date(NOW).toISOString(),
  expiresAt: INVITE_EXPIRY,
  createdBy: 'Alma',
  ...over,
});

function openApp(api: Partial<ConsoleApi>, hash = '') {
  history.replaceState(null, '', `/console${hash}`);
  const link = fakeConnection({
    'inbox:list': () => ({ conversations: [], me: agent(), agents: [agent()] }),
  });
  render(
    <DepsContext.Provider value={deps({ api: fakeApi(api), connect: () => link.conn })}>
      <App />
    </DepsContext.Provider>,
  );
  return userEvent.setup();
}

afterEach(() => history.replaceState(null, '', '/'));

describe('inviting people', () => {
  it('makes an invite link by default, shows it once, and lists the invite as pending', async () => {
    const user = userEvent.setup();
    const createInvite = vi.fn(async (input: { email: string; name: string; role: 'agent' }) => ({
      invite: pendingInvite({ id: 'i9', ...input }),
      url: 'http://parley.test/console#invite=secret-token-abc',
    }));
    withApi({ agents: async () => [me], createInvite }, <AgentsScreen me={me} onExpired={() => {}} />);
    const form = await screen.findByRole('form', { name: 'Add a person' });
    expect(within(form).getByRole('radio', { name: /Invite link/ })).toHaveProperty('checked', true);
    await user.type(within(form).getByLabelText('Name'), 'Nia');
    await user.type(within(form).getByLabelText('Email'), 'nia@example.com');
    await user.click(within(form).getByRole('button', { name: 'Create invite link' }));
    expect(createInvite).toHaveBeenCalledWith({ name: 'Nia', email: 'nia@example.com', role: 'agent' });

    const link = await screen.findByRole('textbox', { name: 'Invite link' });
    expect((link as HTMLInputElement).value).toBe('http://parley.test/console#invite=secret-token-abc');
    expect(screen.getByRole('status').textContent).toMatch(/Send this link to Nia \(nia@example.com\)/);
    const pending = screen.getByRole('table', { name: 'Invites not used yet' });
    expect(within(pending).getByRole('rowheader', { name: /Nia/ })).toBeTruthy();
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('');

    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('textbox', { name: 'Invite link' })).toBeNull();
    expect(screen.getByRole('rowheader', { name: /Nia/ })).toBeTruthy();
  });

  it('says so when the email already has an account', async () => {
    const user = userEvent.setup();
    const createInvite = vi.fn(async () => {
      throw new ApiError(409, 'conflict', 'An agent with that email already exists');
    });
    withApi({ agents: async () => [me], createInvite }, <AgentsScreen me={me} onExpired={() => {}} />);
    const form = await screen.findByRole('form', { name: 'Add a person' });
    await user.type(within(form).getByLabelText('Name'), 'Alma');
    await user.type(within(form).getByLabelText('Email'), 'ada@example.com');
    await user.click(within(form).getByRole('button', { name: 'Create invite link' }));
    expect((await screen.findByRole('alert')).textContent).toBe('An agent with that email already exists');
    expect((within(form).getByLabelText('Name') as HTMLInputElement).value).toBe('Alma');
  });

  it('revokes a pending invite only after a confirmation', async () => {
    const user = userEvent.setup();
    const revokeInvite = vi.fn(async () => {});
    withApi(
      { agents: async () => [me], invites: async () => [pendingInvite()], revokeInvite },
      <AgentsScreen me={me} onExpired={() => {}} />,
    );
    await user.click(await screen.findByRole('button', { name: 'Revoke invite for Nia' }));
    expect(revokeInvite).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Keep' }));
    await user.click(screen.getByRole('button', { name: 'Revoke invite for Nia' }));
    await user.click(screen.getByRole('button', { name: /^Revoke invite for Nia ?now$/ }));
    await waitFor(() => expect(revokeInvite).toHaveBeenCalledWith('i1'));
    expect(await screen.findByText(/No invite is waiting to be used/)).toBeTruthy();
  });

  it('resets another agent’s password only after a confirmation, and shows the new one once', async () => {
    const user = userEvent.setup();
    const ben = agent({ id: 'a2', name: 'Ben' });
    const resetPassword = vi.fn(async () => ({ agent: ben, password: 'fresh-one-time-1' }));
    withApi({ agents: async () => [me, ben], resetPassword }, <AgentsScreen me={me} onExpired={() => {}} />);
    await user.click(await screen.findByRole('button', { name: 'Reset password of Ben' }));
    expect(resetPassword).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Reset password of Alma' })).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Reset password of Ben ?now$/ }));
    expect(await screen.findByText('fresh-one-time-1')).toBeTruthy();
    expect(resetPassword).toHaveBeenCalledWith('a2');
  });
});

describe('the invite link page', () => {
  const pending: InviteLookupResponse = {
    status: 'pending',
    invite: { email: 'nia@example.com', name: 'Nia', role: 'agent', expiresAt: INVITE_EXPIRY },
  };

  it('lets the invited person choose a password and opens the console signed in', async () => {
    const lookupInvite = vi.fn(async () => pending);
    const acceptInvite = vi.fn(async () => agent({ id: 'a-nia', name: 'Nia' }));
    const user = openApp({ lookupInvite, acceptInvite }, '#invite=tok-123');
    expect(await screen.findByRole('heading', { name: 'Welcome, Nia' })).toBeTruthy();
    expect(lookupInvite).toHaveBeenCalledWith('tok-123');
    expect(screen.getByLabelText('Email')).toHaveProperty('readOnly', true);
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('nia@example.com');

    await user.type(screen.getByLabelText('New password'), 'short');
    await user.type(screen.getByLabelText('Confirm password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Choose a password of at least 10 characters.',
    );
    await user.type(screen.getByLabelText('New password'), ' and longer');
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect(screen.getByRole('alert').textContent).toBe('The two passwords are not the same.');
    expect(acceptInvite).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Confirm password'), ' and longer');
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(acceptInvite).toHaveBeenCalledWith('tok-123', 'short and longer');
    expect(location.hash).toBe('');
  });

  it.each([
    ['expired', 'This invite has expired'],
    ['used', 'This invite has already been used'],
    ['revoked', 'This invite was withdrawn'],
  ] as const)('explains a %s link and leads to sign-in', async (status, title) => {
    const user = openApp({ lookupInvite: async () => ({ status }) }, '#invite=tok-123');
    expect(await screen.findByRole('heading', { name: title })).toBeTruthy();
    expect(screen.queryByLabelText('New password')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Go to sign-in' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(location.hash).toBe('');
  });

  it('says an unknown or damaged link does not work, and a server that cannot be reached is not the link’s fault', async () => {
    openApp({}, '#invite=%3Cscript%3E');
    expect(await screen.findByRole('heading', { name: 'This invite link does not work' })).toBeTruthy();
    document.body.innerHTML = '';
    openApp(
      {
        lookupInvite: async () => {
          throw new TypeError('Failed to fetch');
        },
      },
      '#invite=tok-123',
    );
    expect(await screen.findByRole('heading', { name: 'The server could not be reached' })).toBeTruthy();
  });

  it('shows why when the invite was used in another tab meanwhile', async () => {
    let used = false;
    const user = openApp(
      {
        lookupInvite: async () => (used ? { status: 'used' } : pending),
        acceptInvite: async () => {
          used = true;
          throw new ApiError(409, 'conflict', 'This invite has already been used.');
        },
      },
      '#invite=tok-123',
    );
    await user.type(await screen.findByLabelText('New password'), 'a good long one');
    await user.type(screen.getByLabelText('Confirm password'), 'a good long one');
    await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
    expect(await screen.findByRole('heading', { name: 'This invite has already been used' })).toBeTruthy();
  });
});

describe('changing one’s own password', () => {
  it('asks for the current password and says when it is wrong', async () => {
    const user = userEvent.setup();
    const changePassword = vi.fn(async () => {
      throw new ApiError(403, 'forbidden', 'The current password is not right');
    });
    withApi({ changePassword }, <AccountScreen me={me} onExpired={() => {}} />);
    await user.type(screen.getByLabelText('Current password'), 'not it');
    await user.type(screen.getByLabelText('New password'), 'a brand new one');
    await user.type(screen.getByLabelText('Confirm password'), 'a brand new one');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The current password is not right.');
    expect(changePassword).toHaveBeenCalledWith('not it', 'a brand new one');
  });

  it('changes it, says so, and empties the fields', async () => {
    const user = userEvent.setup();
    const changePassword = vi.fn(async () => {});
    withApi({ changePassword }, <AccountScreen me={me} onExpired={() => {}} />);
    expect(screen.getByText(/Other browsers and computers signed in as you are signed out/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByRole('alert').textContent).toBe('Type your current password first.');
    await user.type(screen.getByLabelText('Current password'), 'correct horse battery');
    await user.type(screen.getByLabelText('New password'), 'correct horse battery');
    await user.type(screen.getByLabelText('Confirm password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByRole('alert').textContent).toBe('The new password is the same as the current one.');
    await user.clear(screen.getByLabelText('New password'));
    await user.clear(screen.getByLabelText('Confirm password'));
    await user.type(screen.getByLabelText('New password'), 'staple paper clip');
    await user.type(screen.getByLabelText('Confirm password'), 'staple paper clip');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/Your password is changed/);
    expect(changePassword).toHaveBeenCalledWith('correct horse battery', 'staple paper clip');
    expect((screen.getByLabelText('Current password') as HTMLInputElement).value).toBe('');
  });

  it('is one click away from the agent’s name in the top bar', { timeout: 20_000 }, async () => {
    const user = openApp({ me: async () => agent({ name: 'Ada Agent' }) });
    await user.click(await screen.findByRole('button', { name: 'Your account: Ada Agent' }));
    expect(
      await screen.findByRole('heading', { name: 'Change your password' }, { timeout: 15_000 }),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Inbox' }));
    expect(await screen.findByRole('navigation', { name: 'Inbox' })).toBeTruthy();
  });
});
