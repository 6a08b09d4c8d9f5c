import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { ContentGapsScreen } from '../../../widget/console/admin/ContentGapsScreen.tsx';
import type { ConsoleApi } from '../../../widget/console/api.ts';
import { DepsContext } from '../../../widget/console/deps.ts';
import { deps, fakeApi } from './fakes.ts';

const withApi = (api: Partial<ConsoleApi>) =>
  render(
    <DepsContext.Provider value={deps({ api: fakeApi(api) })}>
      <ContentGapsScreen onExpired={() => {}} />
    </DepsContext.Provider>,
  );

describe('content gaps: article files with problems', () => {
  it('tells editors which file and line broke, and that visitors still see the last good version', async () => {
    withApi({
      contentGaps: async () => ({
        days: 30,
        unanswered: [],
        unhelpful: [],
        knowledgeBase: {
          articles: 28,
          problems: [
            {
              file: 'returns/return-an-item.md',
              line: 5,
              severity: 'error',
              message:
                'invalid YAML front matter: Nested mappings are not allowed in compact mappings; visitors still see the last good version until this is fixed',
            },
            { file: 'orders/track.md', line: 9, severity: 'warning', message: 'link to draft article "x"' },
          ],
          stale: [
            {
              file: 'returns/return-an-item.md',
              slug: 'returns/return-an-item',
              title: 'Return an item',
              since: '2026-12-06T04:00:00.000Z',
            },
          ],
        },
      }),
    });
    const card = await screen.findByRole('region', { name: /Article files with problems/ });
    expect(within(card).getByRole('heading').textContent).toContain('1 error, 1 warning');
    expect(card.textContent).toContain(
      'One article no longer reads correctly. Visitors still see the last good version',
    );
    expect(within(card).getByText('returns/return-an-item.md:5')).toBeTruthy();
    expect(within(card).getByRole('link', { name: 'See what visitors see' }).getAttribute('href')).toBe(
      '/kb/returns/return-an-item',
    );
  });

  it('shows nothing extra when every file reads cleanly', async () => {
    withApi({
      contentGaps: async () => ({
        days: 30,
        unanswered: [],
        unhelpful: [],
        knowledgeBase: { articles: 28, problems: [], stale: [] },
      }),
    });
    expect(await screen.findByText('Every search found something. Nothing to do here.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: /Article files with problems/ })).toBeNull();
  });
});
