import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AccountScreen } from '../../../widget/console/account/AccountScreen.tsx';
import { AgentsScreen } from '../../../widget/console/admin/AgentsScreen.tsx';
import { DepsContext } from '../../../widget/console/deps.ts';
import { agent, deps, fakeApi } from './fakes.ts';

describe('Your account: display name', () => {
  it('renames an admin who was named after their email', async () => {
    const user = userEvent.setup();
    const me = agent({ role: 'admin', name: 'owner', email: 'owner@example.com' });
    const renameMe = vi.fn(async (name: string) => ({ ...me, name }));
    render(
      <DepsContext.Provider value={deps({ api: fakeApi({ renameMe }) })}>
        <AccountScreen me={me} onExpired={() => {}} />
      </DepsContext.Provider>,
    );
    const field = screen.getByLabelText('Display name');
    expect(field).toHaveProperty('value', 'owner');
    await user.clear(field);
    await user.type(field, 'Olivia Owner');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    expect(renameMe).toHaveBeenCalledWith('Olivia Owner');
    expect((await screen.findByRole('status')).textContent).toBe('Saved. Visitors now see “Olivia Owner”.');
  });

  it('refuses an empty name before asking the server', async () => {
    const user = userEvent.setup();
    const renameMe = vi.fn();
    render(
      <DepsContext.Provider value={deps({ api: fakeApi({ renameMe }) })}>
        <AccountScreen me={agent()} onExpired={() => {}} />
      </DepsContext.Provider>,
    );
    await user.clear(screen.getByLabelText('Display name'));
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Type the name visitors should see.');
    expect(renameMe).not.toHaveBeenCalled();
  });
});

describe('Agents: an admin renames someone', () => {
  it('changes the name in place and sends only the name', async () => {
    const user = userEvent.setup();
    const me = agent({ role: 'admin', name: 'Alma' });
    const ben = agent({ id: 'a2', name: 'ben', email: 'ben@example.com' });
    const updateAgent = vi.fn(async (_id: string, patch: { name?: string }) => ({ ...ben, ...patch }));
    render(
      <DepsContext.Provider value={deps({ api: fakeApi({ agents: async () => [me, ben], updateAgent }) })}>
        <AgentsScreen me={me} onExpired={() => {}} />
      </DepsContext.Provider>,
    );
    await user.click(await screen.findByRole('button', { name: 'Rename ben' }));
    const field = screen.getByRole('textbox', { name: 'New name for ben' });
    await user.clear(field);
    await user.type(field, 'Ben Baker{Enter}');
    expect(updateAgent).toHaveBeenCalledWith('a2', { name: 'Ben Baker' });
    expect(await screen.findByRole('rowheader', { name: /Ben Baker/ })).toBeTruthy();
  });
});
