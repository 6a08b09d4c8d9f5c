import { describe, expect, it } from 'vitest';
import { createBudgets } from '../../server/budgets.ts';
import { fakeClock } from '../../server/lib/clock.ts';

/** Spends `n` commands of one agent's console budget at the clock's present time; how many were refused. */
function spend(take: () => boolean, n: number): number {
  let refused = 0;
  for (let i = 0; i < n; i++) if (!take()) refused += 1;
  return refused;
}

describe("an agent's console budget", () => {
  it('never refuses the fastest agent over a working hour', () => {
    const clock = fakeClock();
    const { commands } = createBudgets(clock).agent;
    const take = () => commands.take('ada');
    let refused = 0;
    for (let second = 0; second < 3600; second++) {
      // Every second: a reply, typing on and off, and a switch (open, view, read) with an inbox refresh:
      // faster than anyone types, every second of the hour.
      refused += spend(take, 7);
      // Every five minutes, a sweep through the whole inbox at once: 60 conversations, three commands each.
      if (second % 300 === 0) refused += spend(take, 180);
      clock.advance(1000);
    }
    expect(refused).toBe(0);
  });

  it('answers 25 commands a second without end, after a burst of 500', () => {
    const clock = fakeClock();
    const { commands } = createBudgets(clock).agent;
    expect(spend(() => commands.take('ada'), 500)).toBe(0);
    for (let second = 0; second < 600; second++) {
      clock.advance(1000);
      expect(spend(() => commands.take('ada'), 25)).toBe(0);
    }
  });

  it('refuses a runaway client within seconds, and only that agent', () => {
    const clock = fakeClock();
    const { commands } = createBudgets(clock).agent;
    // A loop sending 200 commands every 100 ms (2,000 a second) for 5 s.
    let accepted = 0;
    let firstRefusedAt: number | undefined;
    for (let tick = 0; tick < 50; tick++) {
      for (let i = 0; i < 200; i++) {
        if (commands.take('loop')) accepted += 1;
        else firstRefusedAt ??= tick * 100;
      }
      clock.advance(100);
    }
    // Refused from its third batch on (0.2 s in); over the 5 s only the burst and 25 a second went through.
    expect(firstRefusedAt).toBe(200);
    expect(accepted).toBeGreaterThan(500 + 4 * 25);
    expect(accepted).toBeLessThanOrEqual(500 + 5 * 25);
    expect(commands.take('ada')).toBe(true);
  });
});
