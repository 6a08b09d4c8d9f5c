import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { en } from '../../../widget/app/i18n/en.ts';
import { statusText } from '../../../widget/chat/StatusBanner.tsx';
import { queuePlace } from '../../../widget/console/inbox/ConversationItem.tsx';
import { Inbox } from '../../../widget/console/inbox/Inbox.tsx';
import type { InboxView } from '../../../widget/console/inbox/inbox-views.ts';
import { agent, conversation, minutesAgo, NOW } from './fakes.ts';

const me = agent();
const list = [
  conversation({ id: 'w1', queuePosition: 1, preview: 'Parcel is late', waitingSince: minutesAgo(1) }),
  conversation({
    id: 'off1',
    status: 'offline',
    queuePosition: null,
    waitingSince: null,
    preview: 'Please call me back about order 1042',
    createdAt: minutesAgo(11),
    visitor: { id: 'v9', name: null, email: 'ada@example.com', verified: false },
  }),
];

const renderInbox = (view: InboxView) =>
  render(
    <Inbox
      conversations={list}
      meId={me.id}
      view={view}
      onView={() => {}}
      selectedId={null}
      onSelect={() => {}}
      now={NOW}
      waitTargetSeconds={120}
    />,
  );

describe('offline messages in the console', () => {
  it('are not in the Waiting list and have their own list, without wait colours', () => {
    renderInbox('waiting');
    expect(screen.getByRole('button', { name: 'Waiting 1' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Offline messages 1' })).toBeTruthy();
    expect(screen.queryByText('Please call me back about order 1042')).toBeNull();
    // Its place in the queue reads as a place, not a ticket number.
    expect(screen.getByTitle('Place in queue').textContent).toBe('Next');
  });

  it('read as a message left 11 min ago to answer by email, with no queue number or lateness', () => {
    renderInbox('offline');
    const row = screen.getByRole('button', { name: /ada@example.com/ });
    expect(within(row).getByText('Left a message 11 min ago · reply by email')).toBeTruthy();
    expect(row.textContent).not.toMatch(/#\d|Waiting|over the wait target/);
    expect(row.querySelector('.wait-late, .wait-overdue')).toBeNull();
  });

  it('never say "just now ago"', () => {
    render(
      <Inbox
        conversations={[
          conversation({ id: 'x', status: 'closed', queuePosition: null, updatedAt: minutesAgo(0) }),
        ]}
        meId={me.id}
        view="closed"
        onView={() => {}}
        selectedId={null}
        onSelect={() => {}}
        now={NOW}
      />,
    );
    expect(screen.getByText('Closed just now')).toBeTruthy();
  });
});

describe('offline messages in the widget', () => {
  it('tell the visitor they will be answered by email, never a place in a queue', () => {
    const c = {
      id: 'c1',
      status: 'offline' as const,
      agent: null,
      queuePosition: null,
      waitEstimateSeconds: null,
    };
    const state = { link: 'connected', pending: [], email: 'ada@example.com', conversation: c } as never;
    expect(statusText(state, en.chat)).toBe('We’re away right now. We’ll reply to ada@example.com by email.');
  });
});

describe('queue places', () => {
  it('read as places in a line', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22].map(queuePlace)).toEqual([
      'Next',
      '2nd in line',
      '3rd in line',
      '4th in line',
      '11th in line',
      '12th in line',
      '13th in line',
      '21st in line',
      '22nd in line',
    ]);
  });
});
