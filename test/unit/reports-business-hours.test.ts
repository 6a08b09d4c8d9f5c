import { describe, expect, it } from 'vitest';
import { businessSeconds } from '../../server/domain/reports/business-hours.ts';

const weekdays = (timeZone: string) =>
  businessSeconds({
    timeZone,
    open: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })),
  });
const at = (iso: string) => Date.parse(iso);

describe('business seconds between two instants', () => {
  it('skips the night and the weekend', () => {
    const within = weekdays('Europe/Berlin');
    // Friday 4 Dec 2026 17:50 Berlin (16:50Z) to Monday 7 Dec 09:10 (08:10Z): 10 + 10 minutes.
    expect(within(at('2026-12-04T16:50:00Z'), at('2026-12-07T08:10:00Z'))).toBe(1200);
    // Inside one opening: all of it; wholly outside: nothing; reversed: nothing.
    expect(within(at('2026-12-07T09:00:00Z'), at('2026-12-07T09:02:00Z'))).toBe(120);
    expect(within(at('2026-12-05T09:00:00Z'), at('2026-12-05T15:00:00Z'))).toBe(0);
    expect(within(at('2026-12-07T09:02:00Z'), at('2026-12-07T09:00:00Z'))).toBe(0);
  });

  it('uses the hours in their own zone, west of UTC too', () => {
    const within = weekdays('America/New_York');
    // Monday 7 Dec 2026 08:00 New York (13:00Z) to 10:00 (15:00Z): open from 09:00, one hour.
    expect(within(at('2026-12-07T13:00:00Z'), at('2026-12-07T15:00:00Z'))).toBe(3600);
    // Monday 17:30 (22:30Z) to Tuesday 09:30 (14:30Z): 30 + 30 minutes.
    expect(within(at('2026-12-07T22:30:00Z'), at('2026-12-08T14:30:00Z'))).toBe(3600);
  });

  it('counts a whole working week for a wait of a week', () => {
    const within = weekdays('UTC');
    expect(within(at('2026-12-07T00:00:00Z'), at('2026-12-14T00:00:00Z'))).toBe(5 * 9 * 3600);
  });
});
