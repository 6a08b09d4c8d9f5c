import { screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { article, renderWidget } from './fakes.tsx';

/**
 * A link from a past chat or an old article names a former slug; the server answers with the moved article under
 * its current slug (front matter `aliases:`). The widget shows it, and counts the read and the vote for it.
 */
describe('an article opened by its former slug', () => {
  const kb = {
    articles: {
      // The fake answers by the last segment of the path: `/api/kb/articles/orders/where-is-my-parcel`.
      'where-is-my-parcel': article(
        'orders/track-an-order',
        'Track an order',
        '<p>Use the tracking link.</p>',
      ),
    },
  };

  it('shows the article, and records the read and the vote under its current slug', async () => {
    const { deps, net } = renderWidget(kb);
    deps.shell.set({ view: 'article', slug: 'orders/where-is-my-parcel' });
    expect(await screen.findByRole('heading', { name: 'Track an order' })).toBeTruthy();
    expect(screen.getByText('Use the tracking link.')).toBeTruthy();
    expect(net.calls.map((c) => c.url.pathname)).toContain('/api/kb/articles/orders/where-is-my-parcel');
    await waitFor(() =>
      expect(deps.trail.list().at(-1)).toEqual(
        expect.objectContaining({ kind: 'article', slug: 'orders/track-an-order' }),
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Yes' }));
    expect(deps.events.vote).toHaveBeenCalledWith('orders/track-an-order', true, undefined);
  });
});
