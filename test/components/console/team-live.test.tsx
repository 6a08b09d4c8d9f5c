import { render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { InviteDTO } from '../../../server/protocol/accounts.ts';
import type { AgentDTO } from '../../../server/protocol/dto.ts';
import { AgentsScreen } from '../../../widget/console/admin/AgentsScreen.tsx';
import type { ConsoleApi } from '../../../widget/console/api.ts';
import { DepsContext } from '../../../widget/console/deps.ts';
import { agent, deps, fakeApi, fakeConnection } from './fakes.ts';

const me = agent({ role: 'admin', name: 'Alma', id: 'a-admin' });
const nia = agent({ id: 'a-nia', name: 'Nia', email: 'nia@example.com' });
const niaInvite: InviteDTO = {
  id: 'i-nia',
  email: 'nia@example.com',
  name: 'Nia',
  role: 'agent',
  createdAt: new Date().toISOString(),
  // Real time: the screen drops invites once they expire.
  expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  createdBy: 'Alma',
};

/** The Agents screen over a server whose lists the test changes, and the console's realtime link. */
function openAgents(team: { agents: AgentDTO[]; invites: InviteDTO[] }, over: Partial<ConsoleApi> = {}) {
  const link = fakeConnection();
  const api = fakeApi({ agents: async () => team.agents, invites: async () => team.invites, ...over });
  const reads = vi.spyOn(api, 'invites');
  render(
    <DepsContext.Provider value={deps({ api, now: () => Date.now() })}>
      <AgentsScreen me={me} onExpired={() => {}} live={link.conn} />
    </DepsContext.Provider>,
  );
  return { link, reads };
}
const pendingTable = () => screen.queryByRole('table', { name: 'Invites not used yet' });
const teamTable = () => screen.getByRole('table', { name: 'Team members' });

describe('an open Agents screen', () => {
  it('shows the newcomer and drops their invite as soon as they accept it', async () => {
    const team = { agents: [me], invites: [niaInvite] };
    const { link } = openAgents(team);
    expect(await screen.findByRole('table', { name: 'Invites not used yet' })).toBeTruthy();
    expect(within(pendingTable() as HTMLElement).getByText('Nia')).toBeTruthy();

    team.agents = [me, nia];
    team.invites = [];
    link.emit('invite:updated', { id: 'i-nia', status: 'used' });
    await waitFor(() => expect(pendingTable()).toBeNull());
    expect(screen.getByText(/No invite is waiting to be used/)).toBeTruthy();
    expect(within(teamTable()).getByRole('rowheader', { name: /Nia/ })).toBeTruthy();
  });

  it('drops an invite another admin revoked, and shows one they made', async () => {
    const team = { agents: [me], invites: [niaInvite] };
    const { link } = openAgents(team);
    await screen.findByRole('table', { name: 'Invites not used yet' });
    team.invites = [{ ...niaInvite, id: 'i-ivy', name: 'Ivy', email: 'ivy@example.com' }];
    link.emit('invite:updated', { id: 'i-nia', status: 'revoked' });
    await waitFor(() => expect(within(pendingTable() as HTMLElement).queryByText('Nia')).toBeNull());
    expect(within(pendingTable() as HTMLElement).getByText('Ivy')).toBeTruthy();
  });

  it('follows a colleague’s change of role made in another console', async () => {
    const { link } = openAgents({ agents: [me, nia], invites: [] });
    const role = await screen.findByRole('combobox', { name: 'Role of Nia' });
    expect((role as HTMLSelectElement).value).toBe('agent');
    link.emit('agent:updated', { ...nia, role: 'editor' });
    await waitFor(() =>
      expect((screen.getByRole('combobox', { name: 'Role of Nia' }) as HTMLSelectElement).value).toBe(
        'editor',
      ),
    );
  });

  it('reads the lists again when the realtime link comes back, in case it missed something', async () => {
    const team = { agents: [me], invites: [niaInvite] };
    const { link, reads } = openAgents(team);
    await screen.findByRole('table', { name: 'Invites not used yet' });
    expect(reads).toHaveBeenCalledTimes(1);
    link.setState('disconnected');
    team.invites = [];
    link.setState('connected');
    await waitFor(() => expect(pendingTable()).toBeNull());
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('reads the lists again when the admin comes back to the window, after an invite made from the command line', async () => {
    const team = { agents: [me], invites: [] as InviteDTO[] };
    const { reads } = openAgents(team);
    expect(await screen.findByText(/No invite is waiting to be used/)).toBeTruthy();
    team.invites = [niaInvite];
    window.dispatchEvent(new Event('focus'));
    expect(
      within(await screen.findByRole('table', { name: 'Invites not used yet' })).getByText('Nia'),
    ).toBeTruthy();
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('drops an invite from the list when it expires', async () => {
    const soon = { ...niaInvite, expiresAt: new Date(Date.now() + 300).toISOString() };
    openAgents({ agents: [me], invites: [soon] });
    expect(await screen.findByRole('table', { name: 'Invites not used yet' })).toBeTruthy();
    await waitFor(() => expect(pendingTable()).toBeNull(), { timeout: 2000 });
  });

  it('marks a person who has not yet replaced their one-time password', async () => {
    openAgents({ agents: [me, { ...nia, mustChangePassword: true }], invites: [] });
    const row = await screen.findByRole('rowheader', { name: /Nia/ });
    expect(row.closest('tr')?.textContent).toMatch(/Has not chosen a password yet/);
  });
});
