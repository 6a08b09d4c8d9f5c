import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AgentConversationDetail } from '../../../server/protocol/events.ts';
import { Composer, type ComposerTools } from '../../../widget/console/composer/Composer.tsx';
import { createDrafts } from '../../../widget/console/composer/drafts.ts';
import { DepsContext } from '../../../widget/console/deps.ts';
import { Inbox } from '../../../widget/console/inbox/Inbox.tsx';
import { AgentConsole } from '../../../widget/console/shell/AgentConsole.tsx';
import {
  agent,
  conversation,
  deps,
  fakeApi,
  fakeConnection,
  message,
  minutesAgo,
  NOW,
  visitor,
} from './fakes.ts';

const me = agent();
const bob = agent({ id: 'a2', name: 'Bob' });
const reply = (shortcut: string, title: string, text: string) => ({
  id: shortcut,
  shortcut,
  title,
  text,
  createdBy: me.id,
  updatedAt: minutesAgo(1),
});
const tools = (over: Partial<ComposerTools> = {}): ComposerTools => ({
  savedReplies: async () => [
    reply('refund-time', 'Refund timing', 'Refunds reach your card in 5-10 working days.'),
    reply('shipping', 'Shipping time', 'Orders ship within 2 working days.'),
  ],
  kbSearch: async () => [
    { slug: 'orders/track-your-order', title: 'Track your order', url: '/kb/orders/track-your-order' },
  ],
  origin: 'https://help.example.com',
  ...over,
});

describe('inbox extras', () => {
  it('colours waits against the workspace target and counts unread per list and per conversation', () => {
    render(
      <Inbox
        conversations={[
          conversation({ id: 'late', preview: 'Late one', waitingSince: minutesAgo(3), lastSeq: 3 }),
          conversation({
            id: 'mine',
            preview: 'Mine one',
            status: 'assigned',
            agent: { id: me.id, name: me.name },
            queuePosition: null,
            lastSeq: 5,
            agentReadSeq: 2,
          }),
          conversation({
            id: 'fresh',
            preview: 'Fresh one',
            waitingSince: minutesAgo(0),
            lastSeq: 1,
            agentReadSeq: 1,
          }),
        ]}
        meId={me.id}
        view="waiting"
        onView={() => {}}
        selectedId={null}
        onSelect={() => {}}
        now={NOW}
        waitTargetSeconds={60}
      />,
    );
    expect(screen.getByRole('button', { name: 'Waiting 2' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Mine 1, 1 unread' })).toBeTruthy();
    const late = screen.getByRole('button', { name: /Late one/ });
    expect(late.querySelector('.wait-overdue')).toBeTruthy();
    expect(late.textContent).toContain('over the wait target');
    expect(late.textContent).not.toContain('unread');
    expect(screen.getByRole('button', { name: /Fresh one/ }).querySelector('.wait-ok')).toBeTruthy();
  });

  it('searches closed conversations on the server by name, email or text', async () => {
    const user = userEvent.setup();
    const search = vi.fn(async () => [
      conversation({ id: 'found', status: 'closed', preview: 'Old refund question' }),
    ]);
    render(
      <Inbox
        conversations={[]}
        meId={me.id}
        view="closed"
        onView={() => {}}
        selectedId={null}
        onSelect={() => {}}
        now={NOW}
        searchConversations={search}
      />,
    );
    await user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'refund');
    expect(await screen.findByRole('button', { name: /Old refund question/ })).toBeTruthy();
    expect(search).toHaveBeenLastCalledWith('refund');
  });
});

describe('composer tools', () => {
  it('opens the saved replies on /, filters fuzzily and inserts the chosen one with Enter', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    render(<Composer onSend={onSend} tools={tools()} />);
    const box = screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement;
    await user.type(box, 'Hello! /shiping');
    const option = await screen.findByRole('option', { name: /Shipping time/ });
    expect(option.getAttribute('aria-selected')).toBe('true');
    expect(screen.queryByRole('option', { name: /Refund timing/ })).toBeNull();
    await user.keyboard('{Enter}');
    expect(box.value).toBe('Hello! Orders ship within 2 working days.');
    expect(onSend).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledWith('Hello! Orders ship within 2 working days.', false);
  });

  it('moves through the picker with the arrows and closes it with Escape', async () => {
    const user = userEvent.setup();
    render(<Composer onSend={() => {}} tools={tools()} />);
    const box = screen.getByRole('textbox', { name: 'Reply' });
    await user.type(box, '/');
    await screen.findAllByRole('option');
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('option', { name: /Shipping time/ }).getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('searches the knowledge base and inserts an article link as plain text', async () => {
    const user = userEvent.setup();
    render(<Composer onSend={() => {}} tools={tools()} draft="See" />);
    await user.click(screen.getByRole('button', { name: 'Insert article' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search articles' }), 'track');
    await user.click(await screen.findByRole('button', { name: 'Insert link to Track your order' }));
    expect((screen.getByRole('textbox', { name: 'Reply' }) as HTMLTextAreaElement).value).toBe(
      'See Track your order: https://help.example.com/kb/orders/track-your-order',
    );
  });
});

const waiting = conversation({ id: 'c-open', preview: 'Parcel is late' });
const detail = (): AgentConversationDetail => ({
  conversation: waiting,
  messages: [message({ seq: 1, text: 'Where is it?' })],
  visitor: visitor(),
  trail: [],
  previous: [],
});

function renderConsole(
  handlers: Parameters<typeof fakeConnection>[0] = {},
  sinks = { beep: vi.fn(), notify: vi.fn() },
) {
  const link = fakeConnection({
    'inbox:list': () => ({ conversations: [waiting], me, agents: [me, bob] }),
    'conversation:open': () => detail(),
    'conversation:view': () => ({ agents: [] }),
    'message:read': () => null,
    ...handlers,
  });
  render(
    <DepsContext.Provider value={deps({ api: fakeApi({ me: async () => me }), connect: () => link.conn })}>
      <AgentConsole
        agent={me}
        drafts={createDrafts('a1', null)}
        onSignOut={() => {}}
        onExpired={() => {}}
        sinks={sinks}
      />
    </DepsContext.Provider>,
  );
  return { link, sinks, user: userEvent.setup() };
}

describe('conversation extras', () => {
  it('moves the keyboard into the transfer panel, and Escape closes it back to its button', async () => {
    const { user } = renderConsole();
    await user.click(await screen.findByRole('button', { name: /Parcel is late/ }));
    const toggle = await screen.findByRole('button', { name: 'Transfer…' });
    await user.click(toggle);
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Transfer to' })),
    );
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('combobox', { name: 'Transfer to' })).toBeNull();
    expect(document.activeElement).toBe(toggle);
  });

  it('transfers with a note for the next agent', async () => {
    const transfer = vi.fn(() => ({ conversation: { ...waiting, status: 'assigned' as const, agent: bob } }));
    const { user } = renderConsole({ 'conversation:transfer': transfer });
    await user.click(await screen.findByRole('button', { name: /Parcel is late/ }));
    await user.click(await screen.findByRole('button', { name: 'Transfer…' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Transfer to' }), 'a2');
    await user.type(screen.getByRole('textbox', { name: 'Note for the next agent' }), 'Wants a refund');
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    await waitFor(() =>
      expect(transfer).toHaveBeenCalledWith({
        conversationId: 'c-open',
        toAgentId: 'a2',
        note: 'Wants a refund',
      }),
    );
  });

  it('shows when another agent is viewing or typing in the same conversation', async () => {
    const { user, link } = renderConsole();
    await user.click(await screen.findByRole('button', { name: /Parcel is late/ }));
    await screen.findByRole('button', { name: 'Claim' });
    await waitFor(() => expect(link.requests.some((r) => r.event === 'conversation:view')).toBe(true));
    link.emit('conversation:viewers', {
      conversationId: 'c-open',
      agents: [
        { id: 'a2', name: 'Bob' },
        { id: me.id, name: me.name },
      ],
    });
    expect(await screen.findByText('Bob is also viewing')).toBeTruthy();
    link.emit('typing:changed', { conversationId: 'c-open', typing: true, from: 'agent', name: 'Bob' });
    expect(await screen.findByText('Bob is typing…')).toBeTruthy();
  });

  it('beeps and notifies for a new waiting visitor, and runs the shortcuts', async () => {
    const claim = vi.fn(() => ({
      conversation: { ...waiting, status: 'assigned' as const, agent: { id: me.id, name: me.name } },
    }));
    const { link, sinks } = renderConsole({ 'conversation:claim': claim });
    await screen.findByRole('button', { name: /Parcel is late/ });
    link.emit(
      'conversation:created',
      conversation({
        id: 'c-new',
        preview: 'Hello?',
        visitor: { id: 'v9', name: 'Ada', email: null, verified: false },
      }),
    );
    await waitFor(() => expect(sinks.beep).toHaveBeenCalled());
    expect(sinks.notify).toHaveBeenCalledWith(
      'Ada is waiting',
      'Hello?',
      'conversation-c-new',
      expect.any(Function),
    );

    fireEvent.keyDown(document.body, { key: 'n' });
    expect(await screen.findByRole('button', { name: 'Claim' })).toBeTruthy();
    fireEvent.keyDown(document.body, { key: 'c' });
    await waitFor(() => expect(claim).toHaveBeenCalled());
    fireEvent.keyDown(document.body, { key: '?' });
    const help = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByText('Open the next waiting conversation')).toBeTruthy();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('does not fire shortcuts while typing a reply', async () => {
    const { user, link } = renderConsole();
    await user.click(await screen.findByRole('button', { name: /Parcel is late/ }));
    await user.type(await screen.findByRole('textbox', { name: 'Reply' }), 'c');
    expect(link.requests.some((r) => r.event === 'conversation:claim')).toBe(false);
  });
});
