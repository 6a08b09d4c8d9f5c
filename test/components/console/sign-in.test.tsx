import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../../widget/console/App.tsx';
import { ApiError } from '../../../widget/console/api.ts';
import { DepsContext } from '../../../widget/console/deps.ts';
import { SignIn } from '../../../widget/console/SignIn.tsx';
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
    const api = fakeApi({ login: () => new Promise((resolve) => (finish = resolve)) });
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
    expect(busy).toHaveProperty('disabled', true);
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
});
