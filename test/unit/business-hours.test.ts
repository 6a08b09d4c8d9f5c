import { describe, expect, it } from 'vitest';
import { isWithinHours } from '../../server/domain/settings.ts';

describe('business hours', () => {
  const hours = {
    timeZone: 'Europe/London',
    open: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '17:30' })),
  };

  it('is always open when no hours are set', () => {
    expect(isWithinHours(null, new Date('2026-11-29T03:00:00Z'))).toBe(true);
  });

  it('reads the clock in the configured time zone', () => {
    // Monday 2026-06-01: London is on summer time (UTC+1).
    expect(isWithinHours(hours, new Date('2026-06-01T08:30:00Z'))).toBe(true); // 09:30 in London
    expect(isWithinHours(hours, new Date('2026-06-01T07:30:00Z'))).toBe(false); // 08:30 in London
    expect(isWithinHours(hours, new Date('2026-06-01T16:29:00Z'))).toBe(true); // 17:29
    expect(isWithinHours(hours, new Date('2026-06-01T16:30:00Z'))).toBe(false); // 17:30: closed
  });

  it('is closed on days without opening hours', () => {
    expect(isWithinHours(hours, new Date('2026-06-06T12:00:00Z'))).toBe(false); // Saturday
  });
});
