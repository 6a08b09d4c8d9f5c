import { render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TrailEntry } from '../../../server/protocol/dto.ts';
import { VisitorPanel } from '../../../widget/console/visitor/VisitorPanel.tsx';
import { conversation, minutesAgo, NOW, visitor } from './fakes.ts';

const trail: TrailEntry[] = [
  { kind: 'search', query: 'late parcel', resultCount: 3, at: minutesAgo(9) },
  { kind: 'article', slug: 'track-your-order', title: 'Track your order', at: minutesAgo(8) },
  { kind: 'vote', slug: 'track-your-order', helpful: false, at: minutesAgo(7) },
  { kind: 'search', query: 'parcel lost', resultCount: 0, at: minutesAgo(6) },
];

describe('visitor panel', () => {
  it('shows who the visitor is, with a verified mark, where they are and their locale', () => {
    render(
      <VisitorPanel
        visitor={visitor()}
        trail={[]}
        previous={[]}
        escalatedAt={minutesAgo(5)}
        now={NOW}
        onOpen={() => {}}
      />,
    );
    const panel = screen.getByRole('complementary', { name: 'Grace Visitor' });
    expect(within(panel).getByText('grace@example.com')).toBeTruthy();
    expect(within(panel).getByText('Verified')).toBeTruthy();
    expect(within(panel).getByRole('link', { name: 'https://shop.example/orders/42' })).toBeTruthy();
    expect(within(panel).getByText('en-GB')).toBeTruthy();
    expect(within(panel).getByText(/Europe\/London/)).toBeTruthy();
  });

  it('never turns a non-http page address into a link', () => {
    const v = visitor({ verified: false, context: { url: 'javascript:alert(1)' } });
    render(
      <VisitorPanel
        visitor={v}
        trail={[]}
        previous={[]}
        escalatedAt={minutesAgo(5)}
        now={NOW}
        onOpen={() => {}}
      />,
    );
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('javascript:alert(1)')).toBeTruthy();
    expect(screen.queryByText('Verified')).toBeNull();
  });

  it('lists the pages the visitor has seen, newest first, linking only to web pages', () => {
    const pages = [
      { url: 'https://shop.example/', title: 'Shop', at: minutesAgo(12) },
      { url: 'javascript:alert(1)', title: null, at: minutesAgo(11) },
      { url: 'https://shop.example/orders/42', title: 'Order 42 <b>', at: minutesAgo(10) },
    ];
    render(
      <VisitorPanel
        visitor={visitor({ pages })}
        trail={[]}
        previous={[]}
        escalatedAt={minutesAgo(5)}
        now={NOW}
        onOpen={() => {}}
      />,
    );
    const list = screen.getByRole('list', { name: 'Pages seen, newest first' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.firstChild?.textContent)).toEqual([
      'Order 42 <b>',
      'javascript:alert(1)',
      'Shop',
    ]);
    expect(within(list).getByRole('link', { name: 'Order 42 <b>' }).getAttribute('href')).toBe(
      'https://shop.example/orders/42',
    );
    expect(within(list).getAllByRole('link')).toHaveLength(2);
  });

  it('says when no page has been recorded', () => {
    render(
      <VisitorPanel
        visitor={visitor({ pages: [] })}
        trail={[]}
        previous={[]}
        escalatedAt={minutesAgo(5)}
        now={NOW}
        onOpen={() => {}}
      />,
    );
    expect(screen.getByText('None recorded.')).toBeTruthy();
  });

  it('lists the self-service trail in order, ending at the escalation', () => {
    render(
      <VisitorPanel
        visitor={visitor()}
        trail={trail}
        previous={[]}
        escalatedAt={minutesAgo(5)}
        now={NOW}
        onOpen={() => {}}
      />,
    );
    const steps = within(screen.getByRole('list', { name: 'Self-service trail' }))
      .getAllByRole('listitem')
      .map((li) => li.querySelector('.trail-text')?.textContent);
    expect(steps).toEqual([
      'Searched late parcel 3 results',
      'Read Track your order',
      'Said Track your order did not help',
      'Searched parcel lost no results',
      'Asked for a person',
    ]);
  });

  it('opens a previous conversation', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    const prev = conversation({ id: 'old', status: 'closed', preview: 'Wrong size delivered' });
    render(
      <VisitorPanel
        visitor={visitor()}
        trail={[]}
        previous={[prev]}
        escalatedAt={minutesAgo(5)}
        now={NOW}
        onOpen={onOpen}
      />,
    );
    await user.click(screen.getByRole('button', { name: /Wrong size delivered/ }));
    expect(onOpen).toHaveBeenCalledWith('old');
  });
});
