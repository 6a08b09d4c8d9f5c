import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SignIn } from '../../../widget/console/account/SignIn.tsx';
import { ApiError } from '../../../widget/console/api.ts';
import { DepsContext } from '../../../widget/console/deps.ts';
import { App } from '../../../widget/console/shell/App.tsx';
import { agent, deps, fakeApi, fakeConnection } from './fakes.ts';

describe('sign-in', () => {
  it('offers labelled email and password fields and a Sign in button', () => {
    render(<SignIn onSignIn={async () => null} />);
    expect(screen.getByLabelText('Email')).toHaveProperty('type', 'email');
    expect(screen.getByLabelText('Password')).toHaveProperty('type', 'password');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('shows one generic message for bad credentials, whatever the server said', async () => {
    const user = userEvent.setup();
    const api = fakeApi({
      login: async () => {
        throw new ApiError(401, 'unauthorized', 'No agent with that email');
      },
    });
    render(
      <DepsContext.Provider value={deps({ api })}>
        <App />
      </DepsContext.Provider>,
    );
    await user.type(await screen.findByLabelText('Email'), 'nobody@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Email or password is incorrect');
    expect(screen.queryByText(/No agent with that email/)).toBeNull();
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
  });

  it('is busy while signing in, then opens the console with a sign-out button', async () => {
    const user = userEvent.setup();
    let finish: (a: ReturnType<typeof agent>) => void = () => {};
    const login = vi.fn(() => new Promise<ReturnType<typeof agent>>((resolve) => (finish = resolve)));
    const api = fakeApi({ login });
    const link = fakeConnection({
      'inbox:list': () => ({ conversations: [], me: agent(), agents: [agent()] }),
    });
    render(
      <DepsContext.Provider value={deps({ api, connect: () => link.conn })}>
        <App />
      </DepsContext.Provider>,
    );
    await user.type(await screen.findByLabelText('Email'), 'ada@example.com');
    await user.type(screen.getByLabelText('Password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const busy = screen.getByRole('button', { name: 'Signing in…' });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    await user.click(busy);
    expect(login).toHaveBeenCalledTimes(1);
    finish(agent());
    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Inbox' })).toBeTruthy();
  });

  it('returns to sign-in when the socket reports the session is gone', async () => {
    const link = fakeConnection({ 'inbox:list': () => ({ conversations: [], me: agent(), agents: [] }) });
    const api = fakeApi({ me: async () => agent() });
    render(
      <DepsContext.Provider value={deps({ api, connect: () => link.conn })}>
        <App />
      </DepsContext.Provider>,
    );
    await screen.findByRole('button', { name: 'Sign out' });
    link.setState('unauthorized');
    expect(await screen.findByText('Your session ended. Sign in again to continue.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('keeps the workspace, and what was typed in it, under a sign-in panel when the session ends', async () => {
    const user = userEvent.setup();
    const admin = agent({ role: 'admin', name: 'Alma', email: 'alma@example.com' });
    const link = fakeConnection({ 'inbox:list': () => ({ conversations: [], me: admin, agents: [admin] }) });
    let expired = true;
    const createSavedReply = vi.fn(async (input: { shortcut: string; title: string; text: string }) => {
      if (expired) throw new ApiError(401, 'unauthorized', 'Sign in first');
      return { id: 'r1', createdBy: admin.id, updatedAt: '2025-01-01T00:00:00Z', ...input };
    });
    const login = vi.fn(async () => {
      expired = false;
      return admin;
    });
    const api = fakeApi({ me: async () => admin, login, createSavedReply });
    render(
      <DepsContext.Provider value={deps({ api, connect: () => link.conn })}>
        <App />
      </DepsContext.Provider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Saved replies' }));
    const form = await screen.findByRole('form', { name: 'New saved reply' }, { timeout: 15_000 });
    await user.type(within(form).getByLabelText('Shortcut'), 'refund');
    await user.type(within(form).getByLabelText('Title'), 'Refunds');
    await user.type(within(form).getByLabelText('Text'), 'Refunds reach your card in 5 days.');
    await user.click(within(form).getByRole('button', { name: 'Add saved reply' }));

    const panel = await screen.findByRole('dialog', { name: 'Sign in again' });
    expect(within(panel).getByText('Your session ended. Sign in again to continue.')).toBeTruthy();
    expect((within(panel).getByLabelText('Email') as HTMLInputElement).value).toBe('alma@example.com');
    await waitFor(() => expect(document.activeElement).toBe(within(panel).getByLabelText('Password')));
    expect(form.closest('[inert]')).not.toBeNull();

    link.setState('unauthorized');
    await user.type(within(panel).getByLabelText('Password'), 'correct horse battery');
    await user.click(within(panel).getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(login).toHaveBeenCalledWith('alma@example.com', 'correct horse battery');
    await waitFor(() => expect(link.reconnects()).toBe(1));
    expect(form.closest('[inert]')).toBeNull();
    expect((within(form).getByLabelText('Text') as HTMLTextAreaElement).value).toBe(
      'Refunds reach your card in 5 days.',
    );
    await user.click(within(form).getByRole('button', { name: 'Add saved reply' }));
    expect(
      await screen.findByText('Refunds reach your card in 5 days.', { selector: '.reply-text' }),
    ).toBeTruthy();
  });
});
