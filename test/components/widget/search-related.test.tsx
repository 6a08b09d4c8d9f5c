import { screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { article, hit, renderWidget } from './fakes.tsx';

// A weak but real match (a passing mention in an article's body) is shown, below a "Related" line.
const kb = {
  search: {
    parcel: [
      hit('track-your-order', 'Track your order'),
      { ...hit('return-an-item', 'Return an item'), related: true },
    ],
    courier: [{ ...hit('return-an-item', 'Return an item'), related: true }],
  },
  articles: {
    'track-your-order': article('track-your-order', 'Track your order', '<p>Track it.</p>'),
    'return-an-item': article('return-an-item', 'Return an item', '<p>Send it back.</p>'),
  },
};

describe('search results with related matches', () => {
  it('lists answers first and weaker matches under a Related articles heading', async () => {
    renderWidget(kb);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search help articles' }), 'parcel');
    const answers = await screen.findByRole('list', { name: 'Search results' });
    expect(answers.textContent).toContain('Track your order');
    expect(answers.textContent).not.toContain('Return an item');
    expect(screen.getByRole('heading', { name: 'Related articles' })).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Related articles' }).textContent).toContain('Return an item');
  });

  it('shows only related matches, with no "no articles" message, when nothing answers', async () => {
    renderWidget(kb);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search help articles' }), 'courier');
    expect((await screen.findByRole('list', { name: 'Related articles' })).textContent).toContain(
      'Return an item',
    );
    expect(screen.queryByRole('list', { name: 'Search results' })).toBeNull();
    expect(screen.queryByText(/No articles match/)).toBeNull();
  });
});
