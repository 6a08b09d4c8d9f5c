import { screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { article, hit, renderWidget } from './fakes.tsx';

const kb = {
  search: {
    track: [hit('track-your-order', 'Track your order'), hit('cancel-an-order', 'Cancel an order')],
  },
  articles: {
    'track-your-order': article(
      'track-your-order',
      'Track your order',
      '<p>Open <a href="/kb/cancel-an-order" data-kb-slug="cancel-an-order">Cancel an order</a>.</p>',
    ),
    'cancel-an-order': article('cancel-an-order', 'Cancel an order', '<p>Press cancel.</p>'),
  },
};

describe('help home', () => {
  it('focuses the search box when the panel opens and always offers a person', () => {
    renderWidget(kb);
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search help articles' }));
    expect(screen.getByRole('button', { name: 'Talk to a person' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Close help' })).toBeTruthy();
  });

  it('searches as the visitor types and lists the results', async () => {
    const { deps } = renderWidget(kb);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search help articles' }), 'track');
    const list = await screen.findByRole('list', { name: 'Search results' });
    expect(list.querySelectorAll('li')).toHaveLength(2);
    expect(screen.getByRole('button', { name: /Track your order/ })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('2 articles found');
    // The trail keeps the settled search only, not every keystroke.
    expect(deps.trail.list()).toEqual([
      expect.objectContaining({ kind: 'search', query: 'track', resultCount: 2 }),
    ]);
  });

  it('waits for a pause in typing and aborts the searches it replaces', async () => {
    const { net } = renderWidget(kb);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search help articles' }), 'track');
    await screen.findByRole('list', { name: 'Search results' });
    const searches = net.calls.filter((c) => c.url.pathname === '/api/kb/search');
    expect(searches.map((c) => c.url.searchParams.get('q'))).toContain('track');
    expect(searches.length).toBeLessThan(4); // not one per keystroke
    expect(searches.slice(0, -1).every((c) => c.signal?.aborted)).toBe(true);
  });

  it('moves through results with the arrow keys and opens one with Enter', async () => {
    renderWidget(kb);
    const box = screen.getByRole('searchbox', { name: 'Search help articles' });
    await userEvent.type(box, 'track');
    await screen.findByRole('list', { name: 'Search results' });
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /Track your order/ }));
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /Cancel an order/ }));
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(box);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(await screen.findByRole('heading', { name: 'Track your order' })).toBeTruthy();
  });

  it('says when nothing matches and offers a person right there', async () => {
    const { deps } = renderWidget(kb);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search help articles' }), 'refund');
    expect(await screen.findByText('No articles match “refund”.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Ask a person about this' }));
    expect(deps.shell.get().view).toBe('chat');
    expect(deps.trail.list()).toEqual([expect.objectContaining({ query: 'refund', resultCount: 0 })]);
  });

  it('shows an error with a retry when search fails', async () => {
    renderWidget({ ...kb, failSearch: true });
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search help articles' }), 'track');
    expect(await screen.findByText('Search is not available right now.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('closes on Escape and gives focus back to the launcher', async () => {
    const { deps, launcher } = renderWidget(kb);
    await userEvent.keyboard('{Escape}');
    expect(deps.shell.get().open).toBe(false);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(launcher);
  });
});

describe('article view', () => {
  const openArticle = async () => {
    const r = renderWidget(kb);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search help articles' }), 'track');
    await userEvent.click(await screen.findByRole('button', { name: /Track your order/ }));
    await screen.findByRole('heading', { name: 'Track your order' });
    return r;
  };

  it('shows the article inline with Back, and records it in the trail', async () => {
    const { deps } = await openArticle();
    expect(screen.getByRole('button', { name: 'Talk to a person' })).toBeTruthy();
    await waitFor(() =>
      expect(deps.trail.list().at(-1)).toEqual(
        expect.objectContaining({ kind: 'article', slug: 'track-your-order' }),
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(screen.getByRole('searchbox', { name: 'Search help articles' })).toHaveProperty('value', 'track');
  });

  it('opens links to other articles inline', async () => {
    await openArticle();
    await userEvent.click(screen.getByRole('link', { name: 'Cancel an order' }));
    expect(await screen.findByRole('heading', { name: 'Cancel an order' })).toBeTruthy();
  });

  it('thanks a Yes vote', async () => {
    const { deps } = await openArticle();
    await userEvent.click(screen.getByRole('button', { name: 'Yes' }));
    expect(screen.getByText('Thanks for letting us know!')).toBeTruthy();
    expect(deps.trail.list().at(-1)).toEqual(expect.objectContaining({ kind: 'vote', helpful: true }));
  });

  it('answers a No vote by offering a person', async () => {
    const { deps } = await openArticle();
    expect(screen.getByRole('group', { name: 'Did this help?' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'No' }));
    expect(deps.trail.list().at(-1)).toEqual(
      expect.objectContaining({ kind: 'vote', slug: 'track-your-order', helpful: false }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Ask a person about this' }));
    expect(deps.shell.get().view).toBe('chat');
  });

  it('says so when the article cannot be loaded', async () => {
    const { deps } = renderWidget(kb);
    deps.shell.set({ view: 'article', slug: 'missing' });
    expect(await screen.findByText('This article could not be loaded.')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Talk to a person' })).toBeTruthy());
  });
});
