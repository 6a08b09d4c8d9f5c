import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { en } from '../../../widget/app/i18n/en.ts';
import { StatusBanner, statusText } from '../../../widget/chat/StatusBanner.tsx';

const beforeWriting = (team: Array<{ name: string }>, waitEstimateSeconds: number | null = 120) =>
  ({
    link: 'idle',
    conversation: null,
    pending: [],
    availabilityChecked: true,
    availability: {
      agentsOnline: team.length,
      waiting: 0,
      withinHours: true,
      accepting: true,
      waitEstimateSeconds,
      team,
    },
  }) as never;

describe('before writing, the visitor sees people', () => {
  it('names who is online, then what to expect', () => {
    expect(statusText(beforeWriting([{ name: 'Grace Hopper' }, { name: 'Ben Baker' }]), en.chat)).toBe(
      'Grace Hopper and Ben Baker are online. Tell us what you need and a person will answer here. Expected wait: about 2 minutes.',
    );
    expect(statusText(beforeWriting([{ name: 'Sam' }], null), en.chat)).toBe(
      'Sam is online. Tell us what you need and a person will answer here.',
    );
  });

  it('shows their faces: initials on their colours', () => {
    const { container } = render(
      <StatusBanner state={beforeWriting([{ name: 'Grace Hopper' }, { name: 'Ben Baker' }])} t={en.chat} />,
    );
    expect([...container.querySelectorAll('.team .avatar')].map((a) => a.textContent)).toEqual(['GH', 'BB']);
  });
});
