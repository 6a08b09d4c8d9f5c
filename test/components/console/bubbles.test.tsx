import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { AvatarForm } from '../../../widget/console/account/AvatarForm.tsx';
import { Transcript } from '../../../widget/console/conversation/Transcript.tsx';
import { agent, message, NOW } from './fakes.ts';

const at = (minute: number) =>
  new Date(Date.parse('2025-03-04T09:00:00.000Z') + minute * 60_000).toISOString();

describe('the console shows a conversation as a chat', () => {
  it('groups a person’s messages in a row: one name, face and time per group, a bubble each', () => {
    const messages = [
      message({ seq: 1, authorName: 'Grace', text: 'Hi', createdAt: at(0) }),
      message({ seq: 2, authorName: 'Grace', text: 'My parcel is late', createdAt: at(1) }),
      message({ seq: 3, author: 'agent', authorName: 'Ada Lovelace', text: 'Let me look', createdAt: at(2) }),
      message({ seq: 4, author: 'agent', authorName: 'Ada Lovelace', text: 'Found it', createdAt: at(3) }),
      message({ seq: 5, author: 'note', authorName: 'Ada Lovelace', text: 'VIP', createdAt: at(3) }),
      // Twenty minutes later: a new group, with its own time.
      message({ seq: 6, authorName: 'Grace', text: 'Thanks!', createdAt: at(23) }),
    ];
    render(
      <Transcript
        messages={messages}
        pending={[]}
        typing={null}
        now={NOW}
        onRetry={() => {}}
        onDiscard={() => {}}
      />,
    );
    const items = within(screen.getByRole('list', { name: 'Messages' })).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.msg-head .msg-author')?.textContent ?? null)).toEqual([
      'Grace',
      null,
      'Ada Lovelace',
      null,
      'Internal note · Ada Lovelace',
      'Grace',
    ]);
    expect(items.map((li) => li.querySelectorAll('.msg-bubble').length)).toEqual([1, 1, 1, 1, 1, 1]);
    // Faces: initials for people, a lock for the note; a follow-on message still names its author to a screen reader.
    expect(items[0]?.querySelector('.face')?.textContent).toBe('G');
    expect(items[2]?.querySelector('.face')?.textContent).toBe('AL');
    expect(items[4]?.querySelector('.msg-lock')).not.toBeNull();
    expect(items[1]?.textContent).toContain('Grace: ');
    expect(items[1]?.className).toBe('msg msg-visitor msg-cont');
  });

  it('shows an agent’s picture beside their replies when they set one', () => {
    const { container } = render(
      <Transcript
        messages={[message({ seq: 1, author: 'agent', authorName: 'Ada Lovelace', text: 'Hello' })]}
        pending={[]}
        typing={null}
        now={NOW}
        onRetry={() => {}}
        onDiscard={() => {}}
        pictures={new Map([['Ada Lovelace', '/api/avatars/a1/0123456789abcdef.webp']])}
      />,
    );
    expect(container.querySelector('.msg-agent .face img')?.getAttribute('src')).toBe(
      '/api/avatars/a1/0123456789abcdef.webp',
    );
  });
});

describe('Your picture', () => {
  it('uploads the chosen photo and shows it; Remove goes back to initials', async () => {
    const sent: Array<{ method: string; type: string | null }> = [];
    let current: string | null = null;
    const fakeFetch = (async (_url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      sent.push({ method, type: new Headers(init?.headers).get('content-type') });
      if (method === 'PUT') current = '/api/avatars/a1/0123456789abcdef.webp';
      if (method === 'DELETE') current = null;
      return new Response(JSON.stringify({ avatar: current }), { status: 200 });
    }) as unknown as typeof fetch;
    const user = userEvent.setup();
    const { container } = render(<AvatarForm me={agent({ name: 'Ada Lovelace' })} fetchFn={fakeFetch} />);
    expect(container.querySelector('.avatar-preview .face')?.textContent).toBe('AL');
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'me.jpg', { type: 'image/jpeg' });
    await user.upload(screen.getByLabelText('Upload a picture'), photo);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toContain('Visitors now see your picture'),
    );
    expect(sent).toContainEqual({ method: 'PUT', type: 'image/jpeg' });
    expect(container.querySelector('.avatar-preview img')?.getAttribute('src')).toBe(
      '/api/avatars/a1/0123456789abcdef.webp',
    );
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(container.querySelector('.avatar-preview img')).toBeNull());
    expect(screen.getByRole('status').textContent).toContain('initials');
  });
});
