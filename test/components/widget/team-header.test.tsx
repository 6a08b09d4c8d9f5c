import { render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { AvailabilityDTO } from '../../../server/protocol/dto.ts';
import { en } from '../../../widget/app/i18n/en.ts';
import { setAvatarBase } from '../../../widget/chat/agent-avatar.tsx';
import { MessageList } from '../../../widget/chat/MessageList.tsx';
import { renderWidget } from './fakes.tsx';

const team = (over: Partial<AvailabilityDTO> = {}): AvailabilityDTO => ({
  agentsOnline: 2,
  waiting: 0,
  withinHours: true,
  accepting: true,
  waitEstimateSeconds: 90,
  team: [
    { name: 'Grace Hopper', avatar: '/api/avatars/a1/0123456789abcdef.webp' },
    { name: 'Ben Baker', avatar: null },
  ],
  ...over,
});

describe('the widget header shows the people who answer', () => {
  it('shows their faces (a picture, or initials) and the measured wait', async () => {
    setAvatarBase('https://parley.test/');
    const { container } = renderWidget({}, { availability: async () => team() });
    await waitFor(() => expect(screen.getByText('Expected wait: about 2 minutes.')).toBeTruthy());
    const faces = [...container.querySelectorAll('.header .faces .avatar')];
    expect(faces.map((f) => f.textContent)).toEqual(['GH', 'BB']);
    expect(faces[0]?.querySelector('img')?.getAttribute('src')).toBe(
      'https://parley.test/api/avatars/a1/0123456789abcdef.webp',
    );
    expect(faces[1]?.querySelector('img')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Help' })).toBeTruthy();
  });

  it('with nobody waiting, says how soon the team usually answers (the measured median first response)', async () => {
    renderWidget({}, { availability: async () => team({ typicalReplySeconds: 200 }) });
    await waitFor(() =>
      expect(screen.getByText('The team usually replies in about 4 minutes.')).toBeTruthy(),
    );
  });

  it('names who is online when no wait can be promised, and says so when nobody is', async () => {
    const first = renderWidget({}, { availability: async () => team({ waitEstimateSeconds: null }) });
    await waitFor(() => expect(screen.getByText('Grace and Ben are online.')).toBeTruthy());
    first.unmount();
    const { container } = renderWidget(
      {},
      { availability: async () => team({ agentsOnline: 0, accepting: false, team: [] }) },
    );
    await waitFor(() => expect(screen.getByText('We’re away right now')).toBeTruthy());
    expect(container.querySelector('.faces')).toBeNull();
  });
});

describe('the chat greets the visitor and shows who replies', () => {
  const state = (chatGreeting: string) =>
    ({
      link: 'connected',
      conversation: null,
      pending: [],
      agentTyping: null,
      messages: [
        {
          id: 'm1',
          conversationId: 'c1',
          seq: 1,
          clientId: null,
          author: 'agent',
          authorName: 'Grace Hopper',
          text: 'Happy to help!',
          createdAt: '2026-01-01T10:00:00Z',
        },
      ],
      availability: team({ chatGreeting }),
    }) as never;

  it('opens with the workspace greeting from the team, and a reply with its author’s picture', () => {
    setAvatarBase('https://parley.test');
    const { container } = render(
      <MessageList
        state={state('Hi there! We usually answer within minutes.')}
        t={en.chat}
        onRetry={() => {}}
      />,
    );
    const items = [...container.querySelectorAll('li.msg')];
    expect(items[0]?.textContent).toContain('Hi there! We usually answer within minutes.');
    expect(items[1]?.querySelector('img')?.getAttribute('src')).toBe(
      'https://parley.test/api/avatars/a1/0123456789abcdef.webp',
    );
  });

  it('says nothing first when no greeting is set', () => {
    const { container } = render(<MessageList state={state('')} t={en.chat} onRetry={() => {}} />);
    expect(container.querySelectorAll('li.msg')).toHaveLength(1);
  });
});
