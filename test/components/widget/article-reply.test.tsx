import { act, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { en } from '../../../widget/app/i18n/en.ts';
import { ChatScreen } from '../../../widget/chat/ChatScreen.tsx';
import { withoutArticleLink } from '../../../widget/chat/MessageItem.tsx';
import { createConversationStore } from '../../../widget/chat/store.ts';
import { conv, FakeConnection, fakeSession, msg } from './fakes.tsx';

const article = { slug: 'returns/return-an-item', title: 'Return an item' };

function setup() {
  const conn = new FakeConnection();
  const store = createConversationStore({
    session: fakeSession({ visitorId: 'v1', token: 't', conversationId: 'c1' }),
    connect: () => conn,
    context: () => ({ url: 'https://shop.test/cart' }),
    trail: () => [],
    identity: () => null,
    onUnread: vi.fn(),
    onEscalated: vi.fn(),
  });
  const open = vi.fn();
  const url = (slug: string) => `https://help.test/kb/${slug}`;
  render(<ChatScreen store={store} t={en.chat} articles={{ open, url }} />);
  return { conn, open };
}

describe('an article an agent sends in the chat', () => {
  it('shows as an article card that opens inside the widget, with a real link for a new tab', async () => {
    const { conn, open } = setup();
    act(() => conn.setState('connected'));
    await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
    await act(async () =>
      conn.answer('conversation:sync', {
        conversations: [conv({ status: 'assigned', agent: { id: 'a1', name: 'Ada' }, queuePosition: null })],
        messages: [
          msg({
            id: 'm2',
            seq: 2,
            author: 'agent',
            authorName: 'Ada',
            text: 'This explains it: Return an item: https://help.test/kb/returns/return-an-item',
            article,
          }),
        ],
      }),
    );
    const card = screen.getByRole('link', { name: /Return an item/ });
    expect(card.getAttribute('href')).toBe('https://help.test/kb/returns/return-an-item');
    expect(card.textContent).toBe('ArticleReturn an item');
    // The raw URL is not repeated in the bubble: the card stands for it.
    expect(screen.getByText('This explains it:')).toBeTruthy();
    expect(screen.queryByText(/https:\/\/help\.test/)).toBeNull();
    await userEvent.click(card);
    expect(open).toHaveBeenCalledWith('returns/return-an-item');
  });

  it('keeps the words around the link and drops only the inserted title and URL', () => {
    expect(withoutArticleLink('Return an item: http://x.test/kb/returns/return-an-item', article)).toBe('');
    expect(
      withoutArticleLink('See http://x.test/kb/returns/return-an-item#print-a-label, then reply', article),
    ).toBe('See then reply');
    expect(withoutArticleLink('See http://x.test/kb/returns/return-an-item-2 too', article)).toBe(
      'See http://x.test/kb/returns/return-an-item-2 too',
    );
  });
});

describe('replies come from people', () => {
  it('show the agent’s initials on their own colour beside their name, once per group of messages', async () => {
    const { conn } = setup();
    act(() => conn.setState('connected'));
    await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
    await act(async () =>
      conn.answer('conversation:sync', {
        conversations: [
          conv({ status: 'assigned', agent: { id: 'a1', name: 'Grace Hopper' }, queuePosition: null }),
        ],
        messages: [
          msg({ id: 'm2', seq: 2, author: 'agent', authorName: 'Grace Hopper', text: 'Hello, I am Grace.' }),
          msg({ id: 'm3', seq: 3, author: 'agent', authorName: 'Grace Hopper', text: 'Let me look.' }),
        ],
      }),
    );
    // Two messages in a row from Grace: one face, one name and time for the group.
    const avatars = [...document.querySelectorAll('.msg-author .avatar')] as HTMLElement[];
    expect(avatars.map((a) => a.textContent)).toEqual(['GH']);
    expect(avatars[0]?.style.background).toMatch(/^hsl|^rgb/);
    expect(avatars[0]?.getAttribute('aria-hidden')).toBe('true');
    expect(document.querySelector('.msg-author')?.textContent).toMatch(/^GHGrace Hopper · \d{2}:\d{2}/);
    // Screen readers still hear who said each line.
    expect([...document.querySelectorAll('.msg-theirs .sr')].map((e) => e.textContent)).toEqual([
      'Grace Hopper: ',
      'Grace Hopper: ',
    ]);
    // The banner says who is helping, with the same face.
    expect(document.querySelector('.status .avatar')?.textContent).toBe('GH');
  });
});
