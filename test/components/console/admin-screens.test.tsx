import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AgentsScreen } from '../../../widget/console/admin/AgentsScreen.tsx';
import { ContentGapsScreen } from '../../../widget/console/admin/ContentGapsScreen.tsx';
import { SavedRepliesScreen } from '../../../widget/console/admin/SavedRepliesScreen.tsx';
import { SettingsScreen } from '../../../widget/console/admin/SettingsScreen.tsx';
import { ApiError, type ConsoleApi } from '../../../widget/console/api.ts';
import { DepsContext } from '../../../widget/console/deps.ts';
import { agent, deps, fakeApi, type SETTINGS } from './fakes.ts';

const me = agent({ role: 'admin', name: 'Alma' });
const withApi = (api: Partial<ConsoleApi>, ui: preact.ComponentChild) =>
  render(<DepsContext.Provider value={deps({ api: fakeApi(api) })}>{ui}</DepsContext.Provider>);

describe('admin screens', () => {
  it('creates an agent with a one-time password and shows it once', async () => {
    const user = userEvent.setup();
    const createAgent = vi.fn(
      async (input: { email: string; name: string; role: 'agent' | 'admin' | 'editor' }) => ({
        agent: agent({ id: 'a9', ...input }),
        password: 'Xy7-one-time-pw1',
      }),
    );
    withApi({ agents: async () => [me], createAgent }, <AgentsScreen me={me} onExpired={() => {}} />);
    const form = await screen.findByRole('form', { name: 'Add a person' });
    await user.type(within(form).getByLabelText('Name'), 'Ben');
    await user.type(within(form).getByLabelText('Email'), 'ben@example.com');
    await user.selectOptions(within(form).getByLabelText('Role'), 'editor');
    await user.click(within(form).getByRole('radio', { name: /One-time password/ }));
    await user.click(within(form).getByRole('button', { name: 'Create account' }));
    expect(createAgent).toHaveBeenCalledWith({ name: 'Ben', email: 'ben@example.com', role: 'editor' });
    expect(await screen.findByText('Xy7-one-time-pw1')).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: /Ben/ })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('Xy7-one-time-pw1')).toBeNull();
  });

  it('changes a role and disables an account after a confirmation, never your own', async () => {
    const user = userEvent.setup();
    const ben = agent({ id: 'a2', name: 'Ben' });
    const updateAgent = vi.fn(async (id: string, patch: object) => ({ ...ben, id, ...patch }));
    withApi({ agents: async () => [me, ben], updateAgent }, <AgentsScreen me={me} onExpired={() => {}} />);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Role of Ben' }), 'admin');
    await waitFor(() => expect(updateAgent).toHaveBeenCalledWith('a2', { role: 'admin' }));
    expect(screen.getByRole('combobox', { name: 'Role of Alma' })).toHaveProperty('disabled', true);
    expect(screen.queryByRole('button', { name: 'Disable Alma' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Disable Ben' }));
    expect(updateAgent).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: /^Disable Ben ?now$/ }));
    await waitFor(() => expect(updateAgent).toHaveBeenLastCalledWith('a2', { disabled: true }));
    expect(await screen.findByRole('button', { name: 'Enable Ben' })).toBeTruthy();
  });

  it('saves widget defaults, routing and business hours', async () => {
    const user = userEvent.setup();
    const saveSettings = vi.fn(async (s: typeof SETTINGS) => s);
    const onSaved = vi.fn();
    withApi({ saveSettings }, <SettingsScreen onExpired={() => {}} onSaved={onSaved} />);
    const greeting = await screen.findByLabelText('Greeting');
    await user.clear(greeting);
    await user.type(greeting, 'Hello from Northwind');
    await user.type(screen.getByLabelText('First message in a chat'), 'Hi! Tell us what happened.');
    await user.click(screen.getByRole('radio', { name: /Automatic/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Offer live chat only during business hours' }));
    // Turned on, hours start as a working week (Monday to Friday), not seven closed days.
    for (const day of ['Monday', 'Friday'])
      expect(screen.getByRole('checkbox', { name: `Open on ${day}` })).toHaveProperty('checked', true);
    expect(screen.getByRole('checkbox', { name: 'Open on Sunday' })).toHaveProperty('checked', false);
    await user.click(screen.getByRole('checkbox', { name: 'Open on Saturday' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(saveSettings).toHaveBeenCalled());
    const saved = saveSettings.mock.calls[0]![0];
    expect(saved.widget.greeting).toBe('Hello from Northwind');
    expect(saved.widget.chatGreeting).toBe('Hi! Tell us what happened.');
    expect(saved.routing.mode).toBe('auto');
    expect(saved.businessHours?.open.map((o) => o.day)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await screen.findByText(/Settings saved/)).toBeTruthy();
    expect(onSaved).toHaveBeenCalled();
  });

  it('shows the server’s validation message when saving fails', async () => {
    const user = userEvent.setup();
    const saveSettings = vi.fn(async () => {
      throw new ApiError(400, 'validation_failed', 'widget.color: a colour like #3b5bdb');
    });
    withApi({ saveSettings }, <SettingsScreen onExpired={() => {}} />);
    await user.click(await screen.findByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toContain('a colour like #3b5bdb');
  });

  it('lists content gaps for editors', async () => {
    withApi(
      {
        contentGaps: async () => ({
          days: 30,
          unanswered: [{ query: 'gift wrap', count: 7 }],
          unhelpful: [
            { slug: 'returns/return-an-item', title: 'Return an item', no: 4, yes: 1 },
            { slug: 'old/gone-article', title: null, no: 2, yes: 0 },
          ],
        }),
      },
      <ContentGapsScreen onExpired={() => {}} />,
    );
    expect(await screen.findByText('gift wrap')).toBeTruthy();
    // Articles by their titles, linked to their readable pages; one no longer published keeps its slug, unlinked.
    expect(screen.getByRole('link', { name: 'Return an item' }).getAttribute('href')).toBe(
      '/kb/returns/return-an-item',
    );
    expect(screen.queryByRole('link', { name: /returns\/return-an-item/ })).toBeNull();
    expect(screen.getByText('old/gone-article').textContent).toContain('no longer published');
  });

  it('manages saved replies and sends an expired session back to sign-in', async () => {
    const user = userEvent.setup();
    const createSavedReply = vi.fn(async (input: { shortcut: string; title: string; text: string }) => ({
      id: 'r1',
      createdBy: me.id,
      updatedAt: '2025-01-01T00:00:00Z',
      ...input,
    }));
    withApi({ createSavedReply }, <SavedRepliesScreen me={me} onExpired={() => {}} />);
    const form = await screen.findByRole('form', { name: 'New saved reply' });
    await user.type(within(form).getByLabelText('Shortcut'), 'hello');
    await user.type(within(form).getByLabelText('Title'), 'Hello');
    await user.type(within(form).getByLabelText('Text'), 'Hi, how can I help?');
    await user.click(within(form).getByRole('button', { name: 'Add saved reply' }));
    expect(await screen.findByText('Hi, how can I help?')).toBeTruthy();

    const onExpired = vi.fn();
    withApi(
      {
        savedReplies: async () => {
          throw new ApiError(401, 'unauthorized', 'Sign in first');
        },
      },
      <SavedRepliesScreen me={me} onExpired={onExpired} />,
    );
    await waitFor(() => expect(onExpired).toHaveBeenCalled());
  });
});
