import { render, screen, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TrailEntry } from '../../../server/protocol/dto.ts';
import { Composer } from '../../../widget/console/composer/Composer.tsx';
import { VisitorPanel } from '../../../widget/console/visitor/VisitorPanel.tsx';
import { minutesAgo, NOW, visitor } from './fakes.ts';

const panel = (v: ReturnType<typeof visitor>, trail: TrailEntry[] = []) =>
  render(
    <VisitorPanel
      visitor={v}
      trail={trail}
      previous={[]}
      escalatedAt={minutesAgo(1)}
      now={NOW}
      onOpen={() => {}}
    />,
  );

describe('what an agent reads in their first hour', () => {
  it('the trail names articles by title and counts repeated reads once', () => {
    panel(visitor(), [
      { kind: 'article', slug: 'returns/return-an-item', title: 'Return an item', at: minutesAgo(9) },
      { kind: 'article', slug: 'returns/return-an-item', title: 'Return an item', at: minutesAgo(8) },
      { kind: 'article', slug: 'returns/return-an-item', title: 'Return an item', at: minutesAgo(7) },
      { kind: 'vote', slug: 'returns/return-an-item', helpful: false, at: minutesAgo(6) },
      { kind: 'vote', slug: 'orders/track-your-order', helpful: true, at: minutesAgo(5) },
    ]);
    const steps = within(screen.getByRole('list', { name: 'Self-service trail' }))
      .getAllByRole('listitem')
      .map((li) => li.querySelector('.trail-text')?.textContent);
    expect(steps).toEqual([
      'Read Return an item (3 times)',
      'Said Return an item did not help',
      'Said Track your order helped',
      'Asked for a person',
    ]);
    expect(screen.queryByText(/returns\/return-an-item/)).toBeNull();
  });

  it('pages seen with the same title are told apart by their path', () => {
    const v = visitor({
      pages: [
        { url: 'https://shop.example/orders/41', title: 'Your order', at: minutesAgo(4) },
        { url: 'https://shop.example/orders/42', title: 'Your order', at: minutesAgo(3) },
        { url: 'https://shop.example/help', title: 'Help', at: minutesAgo(2) },
      ],
    });
    panel(v);
    const pages = within(screen.getByRole('list', { name: 'Pages seen, newest first' })).getAllByRole(
      'listitem',
    );
    expect(pages.map((li) => li.textContent?.replace(/\s*\d{2}:\d{2}.*$/, ''))).toEqual([
      'Help',
      'Your order /orders/42',
      'Your order /orders/41',
    ]);
  });

  it('a reply box left in note mode goes back to replying once the conversation is closed and reopened', async () => {
    const user = userEvent.setup();
    const onSend = vi.fn();
    const { rerender } = render(<Composer onSend={onSend} />);
    await user.click(screen.getByRole('checkbox', { name: 'Internal note' }));
    expect(screen.getByRole('button', { name: 'Add note' })).toBeTruthy();
    rerender(<Composer onSend={onSend} disabledReason="This conversation is closed. Reopen it to reply." />);
    expect(screen.getByRole('checkbox', { name: 'Internal note' })).toHaveProperty('checked', false);
    rerender(<Composer onSend={onSend} />);
    expect(screen.getByRole('button', { name: 'Send' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Internal note' })).toHaveProperty('checked', false);
  });
});
