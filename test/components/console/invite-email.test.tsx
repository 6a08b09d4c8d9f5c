import { render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { InviteCreatedResponse } from '../../../server/protocol/accounts.ts';
import { AgentsScreen } from '../../../widget/console/admin/AgentsScreen.tsx';
import type { ConsoleApi } from '../../../widget/console/api.ts';
import { DepsContext } from '../../../widget/console/deps.ts';
import { agent, deps, fakeApi, INVITE_EXPIRY, NOW } from './fakes.ts';

const me = agent({ role: 'admin', name: 'Alma', id: 'a-admin' });
const LINK = 'http://parley.test/console#invite=secret-token-abc';

function openAgents(email?: InviteCreatedResponse['email']) {
  const createInvite = vi.fn(
    async (input: Parameters<ConsoleApi['createInvite']>[0]): Promise<InviteCreatedResponse> => ({
      invite: {
        id: 'i1',
        email: input.email,
        name: input.name,
        role: input.role,
        createdAt: new Date(NOW).toISOString(),
        expiresAt: INVITE_EXPIRY,
        createdBy: 'Alma',
      },
      url: LINK,
      ...(email ? { email } : {}),
    }),
  );
  render(
    <DepsContext.Provider value={deps({ api: fakeApi({ agents: async () => [me], createInvite }) })}>
      <AgentsScreen me={me} onExpired={() => {}} />
    </DepsContext.Provider>,
  );
  return { user: userEvent.setup(), createInvite };
}

async function invite(user: ReturnType<typeof userEvent.setup>, emailIt: boolean) {
  const form = await screen.findByRole('form', { name: 'Add a person' });
  await user.type(within(form).getByLabelText('Name'), 'Nia');
  await user.type(within(form).getByLabelText('Email'), 'nia@example.com');
  if (emailIt) await user.click(within(form).getByRole('checkbox', { name: /Email the link to them/ }));
  await user.click(within(form).getByRole('button', { name: 'Create invite link' }));
}

describe('emailing an invite link', () => {
  it('offers to email the link only for an invite, unticked by default', async () => {
    const { user } = openAgents();
    const form = await screen.findByRole('form', { name: 'Add a person' });
    expect(within(form).getByRole('checkbox', { name: /Email the link to them/ })).toHaveProperty(
      'checked',
      false,
    );
    await user.click(within(form).getByRole('radio', { name: /One-time password/ }));
    expect(within(form).queryByRole('checkbox', { name: /Email the link/ })).toBeNull();
  });

  it('sends nothing unless ticked', async () => {
    const { user, createInvite } = openAgents();
    await invite(user, false);
    expect(createInvite).toHaveBeenCalledWith({ name: 'Nia', email: 'nia@example.com', role: 'agent' });
    expect((await screen.findByRole('status')).textContent).toMatch(/Send this link to Nia/);
  });

  it('says the link was emailed, and still shows it once', async () => {
    const { user, createInvite } = openAgents('sent');
    await invite(user, true);
    expect(createInvite).toHaveBeenCalledWith({
      name: 'Nia',
      email: 'nia@example.com',
      role: 'agent',
      sendEmail: true,
    });
    const callout = await screen.findByRole('status');
    expect(callout.textContent).toMatch(/The link was emailed to Nia \(nia@example.com\)/);
    expect((screen.getByRole('textbox', { name: 'Invite link' }) as HTMLInputElement).value).toBe(LINK);
  });

  it('asks the admin to send the link themselves when the email could not be sent', async () => {
    const { user } = openAgents('failed');
    await invite(user, true);
    const callout = await screen.findByRole('status');
    expect(callout.textContent).toMatch(
      /The email could not be sent. Copy the link and send it to them yourself/,
    );
    expect(callout.textContent).toMatch(/Send this link to Nia/);
    expect((screen.getByRole('textbox', { name: 'Invite link' }) as HTMLInputElement).value).toBe(LINK);
  });

  it('says when the email only reached the server’s outbox folder', async () => {
    const { user } = openAgents('outbox');
    await invite(user, true);
    const callout = await screen.findByRole('status');
    expect(callout.textContent).toMatch(
      /No mail server is set up, so the email was only saved in the server's outbox/,
    );
    expect(callout.textContent).toMatch(/Send this link to Nia/);
  });
});
