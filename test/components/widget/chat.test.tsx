import { act, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { en } from '../../../widget/app/i18n/en.ts';
import { ChatScreen } from '../../../widget/chat/ChatScreen.tsx';
import { chatReducer, initialChat } from '../../../widget/chat/reducer.ts';
import { createConversationStore } from '../../../widget/chat/store.ts';
import type { StoredVisitor } from '../../../widget/ui/storage.ts';
import { conv, FakeConnection, fakeSession, msg } from './fakes.tsx';

function setup(stored: StoredVisitor | null = null) {
  const conn = new FakeConnection();
  const session = fakeSession(stored);
  const onUnread = vi.fn();
  const onEscalated = vi.fn();
  const store = createConversationStore({
    session,
    connect: () => conn,
    context: () => ({ url: 'https://shop.test/cart' }),
    trail: () => [{ kind: 'search', query: 'refund', resultCount: 0, at: '2025-01-01T00:00:00.000Z' }],
    identity: () => null,
    onUnread,
    onEscalated,
  });
  render(<ChatScreen store={store} t={en.chat} />);
  return { conn, session, store, onUnread, onEscalated };
}

const connect = async (conn: FakeConnection) => {
  act(() => conn.setState('connected'));
  await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
  await act(async () => conn.answer('conversation:sync', { conversations: [], messages: [] }));
};

describe('chat view', () => {
  it('sends the first message with conversation:start, pending until acknowledged', async () => {
    const { conn, session, onEscalated } = setup();
    const box = screen.getByRole('textbox', { name: 'Message' });
    expect(document.activeElement).toBe(box);
    await userEvent.type(box, 'Where is my parcel?{Enter}');
    expect(box).toHaveProperty('value', '');
    expect(screen.getByText('Where is my parcel?')).toBeTruthy();
    // No connection yet: the message is kept and says it will go when the link is up.
    expect(screen.getByText('Will send when the connection is back')).toBeTruthy();
    await waitFor(() => expect(session.create).toHaveBeenCalled());

    await connect(conn);
    await waitFor(() => expect(conn.next('conversation:start')).toBeTruthy());
    const start = conn.next('conversation:start')!.input as Record<string, unknown>;
    expect(start).toMatchObject({ text: 'Where is my parcel?', context: { url: 'https://shop.test/cart' } });
    expect(start.trail).toEqual([expect.objectContaining({ kind: 'search', query: 'refund' })]);
    expect(start.clientId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);

    await act(async () =>
      conn.answer('conversation:start', {
        conversation: conv(),
        message: msg({ id: 'm1', seq: 1, clientId: start.clientId as string, text: 'Where is my parcel?' }),
      }),
    );
    expect(await screen.findByText('Sent')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Sending…')).toBeNull());
    expect(screen.getAllByText('Where is my parcel?')).toHaveLength(1);
    expect(screen.getByRole('status').textContent).toBe(
      'You are number 2 in the queue. Expected wait: about 3 minutes.',
    );
    expect(session.stored?.conversationId).toBe('c1');
    expect(onEscalated).toHaveBeenCalledWith('c1');
  });

  it('shows HTML in a message as literal text', async () => {
    const { conn } = setup({ visitorId: 'v1', token: 't', conversationId: 'c1' });
    act(() => conn.setState('connected'));
    await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
    const html = '<img src=x onerror="alert(1)"><b>bold</b>';
    await act(async () =>
      conn.answer('conversation:sync', {
        conversations: [conv({ status: 'assigned', agent: { id: 'a1', name: 'Ada' }, queuePosition: null })],
        messages: [msg({ id: 'm2', seq: 2, author: 'agent', authorName: 'Ada', text: html })],
      }),
    );
    expect(screen.getByText(html)).toBeTruthy();
    const log = screen.getByRole('log');
    expect(log.querySelector('img, b')).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Ada is helping you.');
  });

  it('holds a reply that arrives past a gap, asks for the gap from the resync point, then shows both in seq order', async () => {
    const { conn } = setup({ visitorId: 'v1', token: 't', conversationId: 'c1' });
    act(() => conn.setState('connected'));
    await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
    const asked = msg({ id: 'm1', seq: 1, text: 'Where is it?' });
    await act(async () => conn.answer('conversation:sync', { conversations: [conv()], messages: [asked] }));
    const later = msg({ id: 'm3', seq: 3, author: 'agent', authorName: 'Ada', text: 'Anything else?' });
    act(() => conn.fact('message:created', later));
    // Seq 2 never came: 3 waits, and the widget asks for everything after 1.
    await waitFor(() => expect(conn.next('conversation:sync')?.input).toEqual({ since: { c1: 1 } }));
    expect(screen.queryByText('Anything else?')).toBeNull();
    const lost = msg({ id: 'm2', seq: 2, author: 'agent', authorName: 'Ada', text: 'It left today.' });
    await act(async () =>
      conn.answer('conversation:sync', { conversations: [conv({ lastSeq: 3 })], messages: [lost, later] }),
    );
    const items = within(screen.getByRole('log')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('Where is it?'),
      expect.stringContaining('It left today.'),
      expect.stringContaining('Anything else?'),
    ]);
  });

  it('shows a reply past a gap that cannot be filled after a short wait, in seq order', async () => {
    const { conn } = setup({ visitorId: 'v1', token: 't', conversationId: 'c1' });
    act(() => conn.setState('connected'));
    await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
    const asked = msg({ id: 'm1', seq: 1, text: 'Where is it?' });
    await act(async () => conn.answer('conversation:sync', { conversations: [conv()], messages: [asked] }));
    act(() =>
      conn.fact('message:created', msg({ id: 'm3', seq: 3, author: 'agent', text: 'Anything else?' })),
    );
    await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
    await act(async () => conn.fail('conversation:sync', 'unavailable'));
    expect(screen.queryByText('Anything else?')).toBeNull();
    // The wait is GAP_WAIT_MS (1.5 s); the gap is still asked for.
    expect(await screen.findByText('Anything else?', {}, { timeout: 4000 })).toBeTruthy();
    expect(conn.next('conversation:sync')?.input).toEqual({ since: { c1: 1 } });
  });

  it('keeps Shift+Enter as a new line', async () => {
    setup();
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(box).toHaveProperty('value', 'line one\nline two');
    expect(screen.queryByText('Sending…')).toBeNull();
  });

  it('retries an unacknowledged message with the same clientId after a reconnect', async () => {
    const { conn } = setup({ visitorId: 'v1', token: 't', conversationId: 'c1' });
    act(() => conn.setState('connected'));
    await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
    await act(async () => conn.answer('conversation:sync', { conversations: [conv()], messages: [] }));

    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'hello?{Enter}');
    await waitFor(() => expect(conn.next('message:send')).toBeTruthy());
    const first = conn.next('message:send')!.input as { clientId: string };
    await act(async () => conn.fail('message:send', 'timeout'));
    // A timeout is transient: still pending, never shown as failed.
    expect(screen.getByText('Sending…')).toBeTruthy();
    expect(screen.queryByText('Not sent')).toBeNull();

    act(() => conn.setState('disconnected'));
    await connect(conn);
    await waitFor(() => expect(conn.next('message:send')).toBeTruthy());
    expect((conn.next('message:send')!.input as { clientId: string }).clientId).toBe(first.clientId);
  });

  it('counts agent replies as unread while the chat is off screen, and reads them when it returns', async () => {
    const { conn, store, onUnread } = setup({ visitorId: 'v1', token: 't', conversationId: 'c1' });
    act(() => conn.setState('connected'));
    await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
    expect(conn.next('conversation:sync')!.input).toEqual({ since: { c1: 0 } });
    // Seqs 1-6 are the agents' notes: the answer vouches for them (lastSeq), so 7 follows with no gap.
    await act(async () =>
      conn.answer('conversation:sync', { conversations: [conv({ lastSeq: 6 })], messages: [] }),
    );

    store.setVisible(false);
    act(() =>
      conn.fact(
        'message:created',
        msg({ id: 'm7', seq: 7, author: 'agent', authorName: 'Ada', text: 'Hi!' }),
      ),
    );
    act(() =>
      conn.fact(
        'message:created',
        msg({ id: 'm7', seq: 7, author: 'agent', authorName: 'Ada', text: 'Hi!' }),
      ),
    );
    expect(onUnread).toHaveBeenLastCalledWith(1); // the duplicate is not counted (nor shown twice)
    expect(screen.getAllByText('Hi!')).toHaveLength(1);

    store.setVisible(true);
    expect(onUnread).toHaveBeenLastCalledWith(0);
    expect(conn.next('message:read')?.input).toEqual({ conversationId: 'c1', seq: 7 });
  });
  it('keeps the unread badge on the next page, and does not count replies the visitor already read', async () => {
    const page = async () => {
      const conn = new FakeConnection();
      const onUnread = vi.fn();
      const store = createConversationStore({
        session: fakeSession({ visitorId: 'v1', token: 't', conversationId: 'c1' }),
        connect: () => conn,
        context: () => ({}),
        trail: () => [],
        identity: () => null,
        readKey: 'parley:test:read',
        onUnread,
      });
      return { conn, store, onUnread };
    };
    const sync = async (conn: FakeConnection, messages: ReturnType<typeof msg>[]) => {
      act(() => conn.setState('connected'));
      await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
      await act(async () => conn.answer('conversation:sync', { conversations: [conv()], messages }));
    };
    const asked = msg({ id: 'm1', seq: 1, text: 'Where is it?' });
    const reply = msg({ id: 'm2', seq: 2, author: 'agent', authorName: 'Ada', text: 'On its way' });

    // First page: the conversation as it stands is known; a reply arrives while the panel is closed.
    const first = await page();
    await sync(first.conn, [asked]);
    expect(first.onUnread).not.toHaveBeenCalled();
    act(() => first.conn.fact('message:created', reply));
    expect(first.onUnread).toHaveBeenLastCalledWith(1);
    first.store.dispose();

    // Next page: the reply comes with the sync, and is still unread.
    const second = await page();
    await sync(second.conn, [asked, reply]);
    expect(second.onUnread).toHaveBeenLastCalledWith(1);
    second.store.setVisible(true);
    expect(second.onUnread).toHaveBeenLastCalledWith(0);
    second.store.dispose();

    // And the page after: read is read.
    const third = await page();
    await sync(third.conn, [asked, reply]);
    expect(third.onUnread).not.toHaveBeenCalled();
  });

  it('leaves replies unread while the chat is open in a tab the visitor is not looking at', async () => {
    const { conn, onUnread } = setup({ visitorId: 'v1', token: 't', conversationId: 'c1' });
    act(() => conn.setState('connected'));
    await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
    await act(async () =>
      conn.answer('conversation:sync', { conversations: [conv({ lastSeq: 2 })], messages: [] }),
    );
    const showTab = (state: 'hidden' | 'visible') => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    try {
      act(() => showTab('hidden'));
      act(() =>
        conn.fact(
          'message:created',
          msg({ id: 'm3', seq: 3, author: 'agent', authorName: 'Ada', text: 'Hi!' }),
        ),
      );
      expect(onUnread).toHaveBeenLastCalledWith(1);
      expect(conn.next('message:read')).toBeUndefined();
      act(() => showTab('visible'));
      expect(onUnread).toHaveBeenLastCalledWith(0);
      expect(conn.next('message:read')?.input).toEqual({ conversationId: 'c1', seq: 3 });
    } finally {
      Reflect.deleteProperty(document, 'visibilityState');
    }
  });
});

describe('the chat reducer', () => {
  it('adds each message once, in seq order, and never shows internal notes', () => {
    const once = chatReducer(initialChat([], null), {
      type: 'received',
      conversation: conv({ lastSeq: 0 }),
      messages: [msg({ id: 'a', seq: 2 })],
    });
    const merged = chatReducer(once, {
      type: 'received',
      messages: [
        msg({ id: 'a', seq: 2 }),
        msg({ id: 'b', seq: 1 }),
        msg({ id: 'n', seq: 3, author: 'note' }),
      ],
    });
    expect(merged.messages.map((m) => m.id)).toEqual(['b', 'a']);
  });

  it('shows a message as failed, with Retry, only when the server refuses it for good', async () => {
    const { conn } = setup({ visitorId: 'v1', token: 't', conversationId: 'c1' });
    await act(async () => conn.setState('connected'));
    await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
    await act(async () => conn.answer('conversation:sync', { conversations: [conv()], messages: [] }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'bad{Enter}');
    await waitFor(() => expect(conn.next('message:send')).toBeTruthy());
    const first = conn.next('message:send')!.input as { clientId: string };
    await act(async () => conn.fail('message:send', 'validation_failed'));
    expect(await screen.findByText('Not sent')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(conn.next('message:send')).toBeTruthy());
    expect((conn.next('message:send')!.input as { clientId: string }).clientId).toBe(first.clientId);
  });

  it('shows the agent typing, the queue and an honest wait, and Read receipts', async () => {
    const { conn } = setup({ visitorId: 'v1', token: 't', conversationId: 'c1' });
    await act(async () => conn.setState('connected'));
    await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
    await act(async () =>
      conn.answer('conversation:sync', {
        conversations: [conv({ queuePosition: 3, waitEstimateSeconds: null })],
        messages: [msg({ id: 'm1', seq: 1, text: 'hi' })],
      }),
    );
    expect(screen.getByRole('status').textContent).toContain('You are number 3 in the queue.');
    expect(screen.getByRole('status').textContent).toContain('Leave your email');
    expect(screen.getByRole('textbox', { name: 'Email' })).toBeTruthy();
    expect(screen.getByText('Sent')).toBeTruthy();
    await act(async () =>
      conn.fact(
        'conversation:updated',
        conv({ status: 'assigned', agent: { id: 'a', name: 'Ada' }, agentReadSeq: 1 }),
      ),
    );
    expect(screen.getByText('Ada is helping you.')).toBeTruthy();
    expect(screen.getByText('Read')).toBeTruthy();
    await act(async () => conn.fact('typing:changed', { conversationId: 'c1', typing: true, name: 'Ada' }));
    expect(screen.getByText('Ada is typing…')).toBeTruthy();
  });

  it('shows Sent, then Delivered once an agent has the message, then Read; reports the page and replies received out of sight', async () => {
    const { conn, store } = setup({ visitorId: 'v1', token: 't', conversationId: 'c1' });
    await act(async () => conn.setState('connected'));
    await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
    await act(async () =>
      conn.answer('conversation:sync', {
        conversations: [conv({ status: 'assigned', agent: { id: 'a', name: 'Ada' }, queuePosition: null })],
        messages: [msg({ id: 'm1', seq: 1, text: 'hi' })],
      }),
    );
    // A page loaded with a conversation going: the agent learns where the visitor is now.
    await waitFor(() => expect(conn.next('page:viewed')?.input).toEqual({ url: 'https://shop.test/cart' }));
    expect(screen.getByText('Sent')).toBeTruthy();
    const assigned = { status: 'assigned' as const, agent: { id: 'a', name: 'Ada' }, queuePosition: null };
    await act(async () => conn.fact('conversation:updated', conv({ ...assigned, agentDeliveredSeq: 1 })));
    expect(screen.getByText('Delivered')).toBeTruthy();
    await act(async () =>
      conn.fact('conversation:updated', conv({ ...assigned, agentDeliveredSeq: 1, agentReadSeq: 1 })),
    );
    expect(screen.getByText('Read')).toBeTruthy();
    expect(screen.queryByText('Delivered')).toBeNull();

    // The chat is out of sight: a reply is received, not read.
    act(() => store.setVisible(false));
    await act(async () =>
      conn.fact(
        'message:created',
        msg({ id: 'm2', seq: 2, author: 'agent', authorName: 'Ada', text: 'On it' }),
      ),
    );
    expect(conn.next('message:delivered')?.input).toEqual({ conversationId: 'c1', seq: 2 });
    expect(
      conn.requests.some((r) => r.event === 'message:read' && (r.input as { seq: number }).seq === 2),
    ).toBe(false);
  });

  it('offers the message-and-email form when nobody can answer live', async () => {
    const conn = new FakeConnection();
    const session = fakeSession();
    const store = createConversationStore({
      session,
      connect: () => conn,
      context: () => ({}),
      trail: () => [],
      identity: () => null,
      availability: async () => ({
        agentsOnline: 0,
        waiting: 0,
        withinHours: true,
        accepting: false,
        team: [],
        waitEstimateSeconds: null,
      }),
    });
    render(<ChatScreen store={store} t={en.chat} />);
    expect(await screen.findByRole('heading', { name: 'We’re away right now' })).toBeTruthy();
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'Call me');
    await userEvent.type(screen.getByRole('textbox', { name: 'Email' }), 'ada@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send message' }));
    await waitFor(() => expect(session.create).toHaveBeenCalled());
    await connect(conn);
    await waitFor(() => expect(conn.next('conversation:start')).toBeTruthy());
    expect(conn.next('conversation:start')!.input).toMatchObject({
      text: 'Call me',
      email: 'ada@example.com',
    });
  });

  it('rates a closed conversation once, then offers a new one', async () => {
    const { conn, store } = setup({ visitorId: 'v1', token: 't', conversationId: 'c1' });
    await act(async () => conn.setState('connected'));
    await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
    await act(async () =>
      conn.answer('conversation:sync', { conversations: [conv({ status: 'closed' })], messages: [] }),
    );
    await userEvent.click(screen.getByRole('radio', { name: '5 stars' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    await waitFor(() => expect(conn.next('conversation:rate')).toBeTruthy());
    expect(conn.next('conversation:rate')!.input).toEqual({ conversationId: 'c1', rating: 5 });
    await act(async () =>
      conn.answer('conversation:rate', { conversation: conv({ status: 'closed', rating: 5 }) }),
    );
    expect(await screen.findByText('Thanks for your feedback!')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Start a new conversation' }));
    expect(store.get().conversation).toBeNull();
  });
});
