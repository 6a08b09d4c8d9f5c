import { act, render, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VisitorConversationDTO } from '../../../server/protocol/dto.ts';
import { en } from '../../../widget/app/i18n/en.ts';
import { ChatScreen } from '../../../widget/chat/ChatScreen.tsx';
import { createConversationStore } from '../../../widget/chat/store.ts';
import { createTabChannel, type TabChannel, type TabNote } from '../../../widget/chat/tabs.ts';
import { conv, FakeConnection, fakeSession, msg } from './fakes.tsx';

const opened: TabChannel[] = [];
const channel = (name: string, win?: Parameters<typeof createTabChannel>[1]) => {
  const c = createTabChannel(name, win);
  opened.push(c);
  return c;
};
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

describe('tab channel', () => {
  it('tells the other tabs of the site, never the tab that spoke', async () => {
    const a = channel('parley:test:tabs:1');
    const b = channel('parley:test:tabs:1');
    const heardA = vi.fn();
    const heardB = vi.fn();
    a.listen(heardA);
    b.listen(heardB);
    a.post({ kind: 'new', after: 'c1' });
    await waitFor(() => expect(heardB).toHaveBeenCalledWith({ kind: 'new', after: 'c1' }));
    expect(heardA).not.toHaveBeenCalled();
  });

  it('falls back to storage events where there is no BroadcastChannel, and leaves nothing stored', () => {
    const win = {
      addEventListener: window.addEventListener.bind(window),
      removeEventListener: window.removeEventListener.bind(window),
      localStorage,
    };
    const key = 'parley:test:tabs:2';
    const writes: string[] = [];
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, k, v) {
      if (k === key) writes.push(v);
    });
    const tab = channel(key, win);
    const heard = vi.fn();
    tab.listen(heard);
    tab.post({ kind: 'read', conversationId: 'c1', seq: 4 });
    tab.post({ kind: 'read', conversationId: 'c1', seq: 4 });
    setItem.mockRestore();
    expect(localStorage.getItem(key)).toBeNull();
    expect(writes).toHaveLength(2);
    expect(writes[0]).not.toBe(writes[1]); // two equal notes are two events

    // What another tab's post looks like here: a storage event on the key.
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: writes[0]! }));
    expect(heard).toHaveBeenCalledWith({ kind: 'read', conversationId: 'c1', seq: 4 });
    // Removals, other keys and anything unreadable are ignored, quietly.
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: null }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'other', newValue: writes[0]! }));
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: '{not json' }));
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: '{"note":42}' }));
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('never lets a failing listener or a refused storage throw', () => {
    const refusing = {
      addEventListener: window.addEventListener.bind(window),
      removeEventListener: window.removeEventListener.bind(window),
      get localStorage(): Storage {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    const tab = channel('parley:test:tabs:3', refusing);
    tab.listen(() => {
      throw new Error('listener bug');
    });
    expect(() => tab.post({ kind: 'new', after: 'c1' })).not.toThrow();
    expect(() =>
      window.dispatchEvent(
        new StorageEvent('storage', {
          key: 'parley:test:tabs:3',
          newValue: JSON.stringify({ note: { kind: 'new', after: 'c1' } }),
        }),
      ),
    ).not.toThrow();
  });
});

/** One tab: its own realtime link (a fake the test drives) and the chat on screen in its own container. */
function tab(name: string, conversation: VisitorConversationDTO, show: boolean) {
  const conn = new FakeConnection();
  const onUnread = vi.fn();
  const store = createConversationStore({
    session: fakeSession({ visitorId: 'v1', token: 't', conversationId: conversation.id }),
    connect: () => conn,
    context: () => ({}),
    trail: () => [],
    identity: () => null,
    tabs: channel(name),
    onUnread,
  });
  const view = show
    ? within(
        render(<ChatScreen store={store} t={en.chat} />, {
          container: document.body.appendChild(document.createElement('div')),
        }).container as HTMLElement,
      )
    : null;
  return { conn, store, view, onUnread };
}

async function synced(t: ReturnType<typeof tab>, conversation: VisitorConversationDTO) {
  act(() => t.conn.setState('connected'));
  await waitFor(() => expect(t.conn.next('conversation:sync')).toBeTruthy());
  await act(async () =>
    t.conn.answer('conversation:sync', {
      conversations: [conversation],
      messages: [msg({ id: 'm1', seq: 1, text: 'Where is my parcel?' })],
    }),
  );
}

let names = 0;
const twoTabs = async (conversation: VisitorConversationDTO, [showA, showB] = [true, true]) => {
  const name = `parley:test:tabs:store-${++names}`;
  const a = tab(name, conversation, showA);
  const b = tab(name, conversation, showB);
  await synced(a, conversation);
  await synced(b, conversation);
  return [a, b] as const;
};

describe('the visitor’s tabs stay in step', () => {
  it('shows a message sent in one tab in the other at once, and once', async () => {
    const assigned = conv({ status: 'assigned', agent: { id: 'a1', name: 'Ada' }, queuePosition: null });
    const [a, b] = await twoTabs(assigned);
    await userEvent.type(a.view!.getByRole('textbox', { name: 'Message' }), 'It says delivered{Enter}');
    await waitFor(() => expect(a.conn.next('message:send')).toBeTruthy());
    const sent = msg({ id: 'm2', seq: 2, clientId: 'c-a-1', text: 'It says delivered' });
    await act(async () => a.conn.answer('message:send', { message: sent }));

    // The other tab's own link has said nothing yet.
    const logB = b.view!.getByRole('log', { name: 'Conversation' });
    await waitFor(() => expect(within(logB).getAllByText('It says delivered')).toHaveLength(1));
    // Its link then brings the same message: still shown once.
    act(() => b.conn.fact('message:created', sent));
    expect(within(logB).getAllByText('It says delivered')).toHaveLength(1);
  });

  it('mirrors ending, rating and starting a new conversation', async () => {
    const [a, b] = await twoTabs(conv({ status: 'assigned', agent: { id: 'a1', name: 'Ada' } }));
    await userEvent.click(a.view!.getByRole('button', { name: 'End chat' }));
    // Nothing ends on the first click: the visitor confirms.
    expect(a.conn.next('conversation:close')).toBeFalsy();
    const confirm = a.view!.getByRole('group', { name: 'End this chat?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'End chat' }));
    await waitFor(() => expect(a.conn.next('conversation:close')).toBeTruthy());
    const closed = conv({ status: 'closed', updatedAt: '2025-01-01T00:05:00.000Z' });
    await act(async () => a.conn.answer('conversation:close', { conversation: closed }));
    expect(await b.view!.findByText('This conversation has ended.')).toBeTruthy();
    expect(b.view!.getByRole('group', { name: 'How was your conversation?' })).toBeTruthy();

    await userEvent.click(a.view!.getByRole('radio', { name: '4 stars' }));
    await userEvent.click(a.view!.getByRole('button', { name: 'Send rating' }));
    await waitFor(() => expect(a.conn.next('conversation:rate')).toBeTruthy());
    await act(async () =>
      a.conn.answer('conversation:rate', {
        conversation: { ...closed, rating: 4, updatedAt: '2025-01-01T00:06:00.000Z' },
      }),
    );
    expect(await b.view!.findByText('Thanks for your feedback!')).toBeTruthy();

    await userEvent.click(a.view!.getByRole('button', { name: 'Start a new conversation' }));
    await waitFor(() => expect(b.view!.queryByText('Where is my parcel?')).toBeNull());
    expect(b.view!.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    expect(b.view!.queryByText('This conversation has ended.')).toBeNull();
    expect(b.store.get().conversation).toBeNull();
  });

  it('follows a conversation started in the other tab without waiting for its own link', async () => {
    // Only this tab is on screen; the visitor acts in the other one.
    const [a, b] = await twoTabs(conv({ status: 'closed', rating: 5 }), [false, true]);
    act(() => a.store.startNew());
    expect(await b.view!.findByRole('textbox', { name: 'Message' })).toBeTruthy();
    expect(a.store.send('One more thing')).toBe(true);
    await waitFor(() => expect(a.conn.next('conversation:start')).toBeTruthy());
    const started = conv({ id: 'c2', status: 'waiting', queuePosition: 1 });
    await act(async () =>
      a.conn.answer('conversation:start', {
        conversation: started,
        message: msg({ id: 'm9', conversationId: 'c2', seq: 1, text: 'One more thing' }),
      }),
    );
    const logB = b.view!.getByRole('log', { name: 'Conversation' });
    expect(await within(logB).findByText('One more thing')).toBeTruthy();
    expect(b.view!.getByText('You are next in line.', { exact: false })).toBeTruthy();
  });

  it('clears the unread badge in every tab once the reply is read in one', async () => {
    const [a, b] = await twoTabs(conv({ status: 'assigned', agent: { id: 'a1', name: 'Ada' } }), [
      false,
      false,
    ]);
    const reply = msg({ id: 'm2', seq: 2, author: 'agent', authorName: 'Ada', text: 'Found it!' });
    act(() => a.conn.fact('message:created', reply));
    act(() => b.conn.fact('message:created', reply));
    expect(a.onUnread).toHaveBeenLastCalledWith(1);
    expect(b.onUnread).toHaveBeenLastCalledWith(1);
    a.store.setVisible(true);
    expect(a.onUnread).toHaveBeenLastCalledWith(0);
    await waitFor(() => expect(b.onUnread).toHaveBeenLastCalledWith(0));
  });

  it('does not take a message that would leave a gap; it asks its own link instead', async () => {
    const [, b] = await twoTabs(conv({ status: 'assigned', agent: { id: 'a1', name: 'Ada' } }), [
      false,
      false,
    ]);
    const other = channel(`parley:test:tabs:store-${names}`);
    const note: TabNote = { kind: 'message', message: msg({ id: 'm5', seq: 5, text: 'later' }) };
    other.post(note);
    await waitFor(() => expect(b.conn.next('conversation:sync')).toBeTruthy());
    expect(b.conn.next('conversation:sync')!.input).toEqual({ since: { c1: 1 } });
    expect(b.store.get().messages.map((m) => m.id)).toEqual(['m1']);
  });
});
