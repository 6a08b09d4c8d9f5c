import { render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { DepsContext } from '../../../widget/console/deps.ts';
import { ReportsScreen } from '../../../widget/console/reports/ReportsScreen.tsx';
import type { Period, ReportsApi, Summary } from '../../../widget/console/reports/reports-api.ts';
import { agent, deps } from './fakes.ts';

// NOW in fakes is 2025-03-04T10:00Z: in Europe/Berlin, "last 7 days" is 2025-02-26..2025-03-04.
const summary = (started: number, over: Partial<Summary> = {}): Summary => ({
  range: { from: '', to: '', timeZone: 'Europe/Berlin' },
  conversations: { started, chats: started - 1, offline: 1, missed: 2 },
  firstResponse: { medianSeconds: 95, p90Seconds: 400 },
  queueWait: { medianSeconds: 30, p90Seconds: 60 },
  resolution: { closed: 10, medianSeconds: 3600, reopened: 1, rate: 0.9 },
  csat: { responses: 4, average: 4.5, satisfiedShare: 0.75, responseRate: 0.4 },
  selfService: {
    sessions: 20,
    searched: 15,
    articleViews: 30,
    helpfulVotes: 5,
    escalated: 5,
    deflectionRate: 0.75,
  },
  ...over,
});

let weekly: boolean[] = [];

/** What a sighted reader sees: the text without the screen-reader-only parts. */
const visibleText = (el: Node): string =>
  el instanceof HTMLElement && el.classList.contains('visually-hidden')
    ? ''
    : el.nodeType === Node.TEXT_NODE
      ? (el.textContent ?? '')
      : [...el.childNodes].map(visibleText).join('');

function fakeReports(asked: Period[]): ReportsApi {
  return {
    meta: async () => ({ timeZone: 'Europe/Berlin' }),
    summary: async (p, opts) => {
      asked.push(p);
      const business = opts?.businessHours
        ? {
            firstResponse: {
              medianSeconds: 95,
              p90Seconds: 400,
              businessHours: { medianSeconds: 40, p90Seconds: 90 },
            },
          }
        : {};
      return p.from === '2025-02-26' ? summary(12, business) : summary(8, business);
    },
    series: async () => ({
      days: ['2025-03-03', '2025-03-04'].map((date, i) => ({
        date,
        started: 5 + i,
        chats: 4 + i,
        offline: 1,
        missed: 1,
        firstResponseMedianSeconds: 60,
        firstResponseP90Seconds: 120,
        closed: 5,
        reopened: 0,
        resolutionMedianSeconds: 1800,
        csatResponses: 2,
        csatAverage: 4.5,
      })),
    }),
    heatmap: async () => ({
      weekdays: Array.from({ length: 7 }, (_, d) =>
        Array.from({ length: 24 }, (_, h) => (d === 1 && h === 9 ? 7 : 0)),
      ),
    }),
    agents: async () => ({
      agents: [
        {
          agentId: 'a1',
          name: 'Ana',
          handled: 9,
          firstResponseMedianSeconds: 80,
          resolutionMedianSeconds: 900,
          csatResponses: 3,
          csatAverage: 5,
        },
      ],
    }),
    csat: async () => ({
      comments: [
        { conversationId: 'c1', rating: 5, comment: 'Quick and kind', ratedAt: '2025-03-03T09:00:00.000Z' },
      ],
    }),
    funnel: async () => ({
      steps: [
        { step: 'engaged', sessions: 20 },
        { step: 'searched', sessions: 15 },
        { step: 'openedArticle', sessions: 12 },
        { step: 'votedHelpful', sessions: 5 },
        { step: 'askedForPerson', sessions: 5 },
        { step: 'chatted', sessions: 4 },
        { step: 'rated', sessions: 2 },
      ],
      deflectionRate: 0.75,
    }),
    articles: async () => ({
      articles: [
        {
          slug: 'returns',
          views: 12,
          votes: 4,
          helpfulShare: 0.75,
          escalations: 2,
          searches: [{ query: 'refund', count: 3 }],
        },
      ],
    }),
    topSearches: async () => ({
      withResults: [{ query: 'refund', count: 3, results: 4 }],
      withoutResults: [{ query: 'gift wrap', count: 2 }],
    }),
    now: async () => ({ waiting: 3, longestWaitSeconds: 240, agentsOnline: 2, inProgress: 5 }),
    settings: async () => ({ weeklyEmail: weekly.at(-1) ?? false }),
    saveSettings: async (s) => {
      weekly.push(s.weeklyEmail);
      return s;
    },
  };
}

const show = (role: 'admin' | 'agent' | 'editor', asked: Period[] = []) =>
  render(
    <DepsContext.Provider value={deps()}>
      <ReportsScreen me={agent({ role })} onExpired={() => {}} api={fakeReports(asked)} />
    </DepsContext.Provider>,
  );

describe('the Reports screen', () => {
  beforeEach(() => sessionStorage.clear());

  it('shows the last 7 days in the workspace time zone, each number against the 7 days before', async () => {
    const asked: Period[] = [];
    show('admin', asked);
    const kpis = await screen.findByRole('list', { name: 'Headline numbers' });
    expect(asked[0]).toEqual({ from: '2025-02-26', to: '2025-03-04', tz: 'Europe/Berlin' });
    expect(asked[1]).toEqual({ from: '2025-02-19', to: '2025-02-25', tz: 'Europe/Berlin' });
    const conversations = within(kpis).getByText('Conversations').closest('li') as HTMLElement;
    expect(conversations.textContent).toContain('12');
    expect(conversations.textContent).toContain('+50% vs previous period');
    // The count opens exactly those conversations in the inbox: same metric, period and zone.
    const link = within(conversations).getByRole('link');
    expect(link.textContent).toBe('12 Conversations: show them in the inbox');
    expect(link.getAttribute('href')).toBe(
      '#inbox/report?metric=started&from=2025-02-26&to=2025-03-04&tz=Europe%2FBerlin',
    );
    expect(screen.getByText('2 min').closest('section')?.textContent).toContain('Longest wait');
  });

  it('gives every chart its numbers as a table and a CSV download', async () => {
    show('admin');
    const volume = await screen.findByRole('region', { name: 'Conversations per day' });
    expect(within(volume).getByRole('img', { name: /Conversations per day: chart/ })).toBeTruthy();
    const table = within(volume).getByRole('table', { hidden: true });
    const row = within(table).getAllByRole('row', { hidden: true })[2] as HTMLElement;
    const cells = [...row.children].map((c) => visibleText(c));
    expect(cells).toEqual(['2025-03-04', '6', '5', '1', '1']);
    // Each day's count opens that day's conversations in the inbox.
    const missed = within(row).getAllByRole('link', { hidden: true })[3];
    expect(missed?.getAttribute('href')).toBe(
      '#inbox/report?metric=missed&from=2025-03-04&to=2025-03-04&tz=Europe%2FBerlin',
    );
    const agents = screen.getByRole('region', { name: 'Per agent' });
    const handled = within(agents).getAllByRole('link', { name: /Handled/, hidden: true })[0];
    expect(handled?.getAttribute('href')).toMatch(/^#inbox\/report\?metric=started&.*&agent=/);
    const csv = within(volume).getByRole('link', { name: 'Download CSV of Conversations per day' });
    expect(csv.getAttribute('download')).toBe('volume.csv');
    expect(decodeURIComponent(csv.getAttribute('href') ?? '')).toContain(
      'Date,Started,Chats,Offline messages,Missed\r\n2025-03-03,5,4,1,1\r\n',
    );
    const heat = screen.getByRole('region', { name: 'Busiest hours' });
    expect(within(heat).getByRole('row', { name: /^Mon / }).textContent).toContain('7');
    expect(screen.getByRole('region', { name: 'Rating comments' }).textContent).toContain('Quick and kind');
  });

  it('lets an admin switch the weekly summary email on', async () => {
    weekly = [];
    show('admin');
    const box = await screen.findByRole('checkbox', { name: /Email the last week's numbers to every admin/ });
    expect((box as HTMLInputElement).checked).toBe(false);
    await userEvent.click(box);
    await screen.findByText('Admins will get the summary on Mondays.');
    expect(weekly).toEqual([true]);
  });

  it('shows editors the self-service figures only', async () => {
    show('editor');
    await screen.findByRole('region', { name: 'Self-service funnel' });
    expect(screen.queryByRole('region', { name: 'Conversations per day' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Now' })).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.getByRole('region', { name: 'Top searches' }).textContent).toContain('gift wrap');
  });

  it('asks for a custom range once both dates are set', async () => {
    const asked: Period[] = [];
    show('admin', asked);
    await screen.findByRole('list', { name: 'Headline numbers' });
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'custom');
    const from = screen.getByLabelText('From') as HTMLInputElement;
    await userEvent.clear(from);
    await userEvent.type(from, '2025-01-01');
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    await screen.findByText(/2025-01-01 to 2025-03-04/);
    await waitFor(() =>
      expect(asked).toContainEqual({ from: '2025-01-01', to: '2025-03-04', tz: 'Europe/Berlin' }),
    );
    // The previous period of the same length: 63 days before.
    expect(asked).toContainEqual({ from: '2024-10-30', to: '2024-12-31', tz: 'Europe/Berlin' });
  });

  it('lists every count behind the numbers as a link to its conversations', async () => {
    show('agent');
    const card = await screen.findByRole('region', { name: 'Conversations behind the numbers' });
    const links = within(card).getAllByRole('link');
    expect(links.map((l) => l.textContent)).toEqual([
      'Conversations: 12',
      'Chats: 11',
      'Offline messages: 1',
      'Missed: 2',
      'Resolved: 10',
      'Reopened: 1',
      'Rated: 4',
      'Satisfied (4–5): 3',
      'Not satisfied (1–3): 1',
    ]);
    expect(links[3]?.getAttribute('href')).toBe(
      '#inbox/report?metric=missed&from=2025-02-26&to=2025-03-04&tz=Europe%2FBerlin',
    );
  });

  it('counts first response in business hours when asked', async () => {
    show('admin');
    const kpis = await screen.findByRole('list', { name: 'Headline numbers' });
    expect(within(kpis).getByText('First response (median)')).toBeTruthy();
    await userEvent.click(screen.getByRole('checkbox', { name: 'First response in business hours only' }));
    const kpi = await within(kpis).findByText('First response (median, business hours)');
    expect(kpi.closest('li')?.textContent).toContain('40 s');
  });
});
