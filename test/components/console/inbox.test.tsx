import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DepsContext } from '../../../widget/console/deps.ts';
import { Inbox } from '../../../widget/console/inbox/Inbox.tsx';
import type { InboxView } from '../../../widget/console/inbox/inbox-views.ts';
import { App } from '../../../widget/console/shell/App.tsx';
import { agent, conversation, deps, fakeApi, fakeConnection, minutesAgo, NOW } from './fakes.ts';

const me = agent();
const list = [
  conversation({ id: 'w2', queuePosition: 2, preview: 'Refund please', waitingSince: minutesAgo(3) }),
  conversation({ id: 'w1', queuePosition: 1, preview: 'Parcel is late', waitingSince: minutesAgo(12) }),
  conversation({ id: 'm1', status: 'assigned', agent: { id: me.id, name: me.name }, queuePosition: null }),
  conversation({ id: 'o1', status: 'assigned', agent: { id: 'a2', name: 'Bob' }, queuePosition: null }),
  conversation({ id: 'x1', status: 'closed', queuePosition: null }),
];

function renderInbox(view: InboxView, onView = () => {}) {
  return render(
    <Inbox
      conversations={list}
      meId={me.id}
      view={view}
      onView={onView}
      selectedId={null}
      onSelect={() => {}}
      now={NOW}
    />,
  );
}

describe('inbox', () => {
  it('counts each list: waiting, mine, all open, closed', () => {
    renderInbox('waiting');
    const nav = screen.getByRole('navigation', { name: 'Inbox' });
    expect(within(nav).getByRole('button', { name: /^Waiting 2\b/ })).toBeTruthy();
    expect(within(nav).getByRole('button', { name: /^Mine 1\b/ })).toBeTruthy();
    expect(within(nav).getByRole('button', { name: /^All open 4\b/ })).toBeTruthy();
    expect(within(nav).getByRole('button', { name: /^Closed 1\b/ })).toBeTruthy();
  });

  it('lists waiting visitors in queue order with how long they have waited and their question', () => {
    renderInbox('waiting');
    const items = screen.getAllByRole('button', { name: /Visitor/ });
    expect(items.map((b) => b.textContent)).toEqual([
      expect.stringContaining('Parcel is late'),
      expect.stringContaining('Refund please'),
    ]);
    expect(items[0]?.textContent).toContain('Waiting 12 min');
    expect(items[1]?.textContent).toContain('Waiting 3 min');
  });

  it('shows only my conversations under Mine', () => {
    renderInbox('mine');
    const items = screen.getAllByRole('button', { name: /Visitor/ });
    expect(items).toHaveLength(1);
    expect(items[0]?.textContent).toContain(me.name);
  });

  it('updates lists, counts and the page title live from facts', async () => {
    const user = userEvent.setup();
    const link = fakeConnection({ 'inbox:list': () => ({ conversations: [list[0]!], me, agents: [me] }) });
    render(
      <DepsContext.Provider value={deps({ api: fakeApi({ me: async () => me }), connect: () => link.conn })}>
        <App />
      </DepsContext.Provider>,
    );
    expect(await screen.findByRole('button', { name: /^Waiting 1\b/ })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('(1) Parley Console'));

    link.emit('conversation:created', conversation({ id: 'new', queuePosition: 2, preview: 'Hello?' }));
    expect(await screen.findByRole('button', { name: /^Waiting 2\b/ })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('(2) Parley Console'));

    link.emit('conversation:updated', {
      ...list[0]!,
      status: 'assigned',
      agent: { id: me.id, name: me.name },
      updatedAt: minutesAgo(0),
    });
    expect(await screen.findByRole('button', { name: /^Waiting 1\b/ })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Mine 1\b/ }));
    expect(screen.getByText('Refund please')).toBeTruthy();
  });

  it('loads a busy inbox page after page, so no open conversation is left out', async () => {
    const waiting = Array.from({ length: 7 }, (_, i) =>
      conversation({
        id: `q${i}`,
        queuePosition: i + 1,
        preview: `Question ${i}`,
        waitingSince: minutesAgo(20 - i),
      }),
    );
    const pages: Record<string, { conversations: typeof waiting; next: string | null }> = {
      first: { conversations: waiting.slice(0, 3), next: 'q2' },
      q2: { conversations: waiting.slice(3, 6), next: 'q5' },
      q5: { conversations: waiting.slice(6), next: null },
    };
    const link = fakeConnection({
      'inbox:list': (input) => ({ ...pages[input.after ?? 'first']!, me, agents: [me] }),
    });
    render(
      <DepsContext.Provider value={deps({ api: fakeApi({ me: async () => me }), connect: () => link.conn })}>
        <App />
      </DepsContext.Provider>,
    );
    expect(await screen.findByRole('button', { name: /^Waiting 7\b/ })).toBeTruthy();
    expect(screen.getByText('Question 6')).toBeTruthy();
  });

  it('drops a conversation erased for good from every list at once', async () => {
    const link = fakeConnection({ 'inbox:list': () => ({ conversations: list, me, agents: [me] }) });
    render(
      <DepsContext.Provider value={deps({ api: fakeApi({ me: async () => me }), connect: () => link.conn })}>
        <App />
      </DepsContext.Provider>,
    );
    expect(await screen.findByRole('button', { name: /^Closed 1\b/ })).toBeTruthy();
    link.emit('conversation:erased', { conversationId: 'x1' });
    expect(await screen.findByRole('button', { name: /^Closed 0\b/ })).toBeTruthy();
  });

  it('switches the agent between online and away', async () => {
    const user = userEvent.setup();
    const link = fakeConnection({
      'inbox:list': () => ({ conversations: [], me, agents: [me] }),
      'agent:status': ({ status }) => ({ me: { ...me, status } }),
    });
    render(
      <DepsContext.Provider value={deps({ api: fakeApi({ me: async () => me }), connect: () => link.conn })}>
        <App />
      </DepsContext.Provider>,
    );
    const toggle = await screen.findByRole('switch', { name: 'Available for new conversations' });
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    await waitFor(() => expect(toggle).toHaveProperty('disabled', false));
    await user.click(toggle);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('false'));
    expect(link.requests.at(-1)).toEqual({ event: 'agent:status', input: { status: 'away' } });
  });
});
