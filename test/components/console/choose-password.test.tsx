import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, type ConsoleApi } from '../../../widget/console/api.ts';
import { DepsContext } from '../../../widget/console/deps.ts';
import { App } from '../../../widget/console/shell/App.tsx';
import { agent, deps, fakeApi, fakeConnection } from './fakes.ts';

const otto = agent({ id: 'a-otto', name: 'Otto', email: 'otto@example.com', mustChangePassword: true });

function openApp(api: Partial<ConsoleApi>) {
  const link = fakeConnection({
    'inbox:list': () => ({ conversations: [], me: agent({ id: 'a-otto' }), agents: [] }),
  });
  const connect = vi.fn(() => link.conn);
  render(
    <DepsContext.Provider value={deps({ api: fakeApi(api), connect })}>
      <App />
    </DepsContext.Provider>,
  );
  return { user: userEvent.setup(), connect };
}

const fill = async (user: ReturnType<typeof userEvent.setup>, password: string, confirm = password) => {
  await user.type(screen.getByLabelText('New password'), password);
  await user.type(screen.getByLabelText('Confirm password'), confirm);
  await user.click(screen.getByRole('button', { name: 'Save password and continue' }));
};

describe('signing in with a one-time password', () => {
  it('shows only the screen to choose a password, with no console and no realtime link behind it', async () => {
    const { connect } = openApp({ me: async () => otto });
    const form = await screen.findByRole('form', { name: 'Choose your password' });
    expect(form.textContent).toMatch(/You signed in with a one-time password/);
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('otto@example.com');
    expect(screen.queryByRole('navigation', { name: 'Inbox' })).toBeNull();
    expect(screen.queryByRole('banner')).toBeNull();
    expect(connect).not.toHaveBeenCalled();
  });

  it('gets there straight from the sign-in form', async () => {
    const { user } = openApp({ login: async () => otto });
    await user.type(await screen.findByLabelText('Email'), 'otto@example.com');
    await user.type(screen.getByLabelText('Password'), 'Qx3-one-time-pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Choose your password' })).toBeTruthy();
  });

  it('holds a password to the same rule as everywhere before asking the server', async () => {
    const choosePassword = vi.fn(async () => agent({ id: 'a-otto' }));
    const { user } = openApp({ me: async () => otto, choosePassword });
    await screen.findByRole('form', { name: 'Choose your password' });
    await fill(user, 'short');
    expect(screen.getByRole('alert').textContent).toBe('Choose a password of at least 10 characters.');
    await user.clear(screen.getByLabelText('New password'));
    await user.clear(screen.getByLabelText('Confirm password'));
    await fill(user, 'a long new password', 'a long new passwort');
    expect(screen.getByRole('alert').textContent).toBe('The two passwords are not the same.');
    expect(choosePassword).not.toHaveBeenCalled();
  });

  it('will not take the one-time password itself', async () => {
    const { user } = openApp({
      me: async () => otto,
      choosePassword: async () => {
        throw new ApiError(409, 'conflict', 'Choose a password other than the one-time password');
      },
    });
    await screen.findByRole('form', { name: 'Choose your password' });
    await fill(user, 'Qx3-one-time-pw');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'That is the one-time password. Choose a password of your own.',
    );
    expect(screen.getByRole('heading', { name: 'Choose your password' })).toBeTruthy();
  });

  it('opens the console once the password is chosen', async () => {
    const choosePassword = vi.fn(async () => agent({ id: 'a-otto', name: 'Otto' }));
    const { user, connect } = openApp({ me: async () => otto, choosePassword });
    await screen.findByRole('form', { name: 'Choose your password' });
    await fill(user, 'my own long password');
    expect(choosePassword).toHaveBeenCalledWith('my own long password');
    expect(await screen.findByRole('navigation', { name: 'Inbox' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Choose your password' })).toBeNull();
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('lets the person sign out instead', async () => {
    const logout = vi.fn(async () => {});
    const { user } = openApp({ me: async () => otto, logout });
    await screen.findByRole('form', { name: 'Choose your password' });
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(logout).toHaveBeenCalled();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Sign in to the console' })).toBeTruthy());
  });
});
