import { describe, expect, it } from 'vitest';
import { medianOf, typicalReply } from '../../server/domain/conversations/typical-reply.ts';

describe('how soon the team usually answers', () => {
  it('is the median first response, and no figure from fewer than five answered chats', () => {
    expect(
      medianOf(
        [
          [30, 2],
          [90, 2],
          [600, 1],
        ],
        5,
      ),
    ).toBe(90);
    expect(medianOf([[40, 4]], 5)).toBeNull();
    expect(medianOf([], 5)).toBeNull();
  });

  it('asks the figures for the last 14 days once per five minutes', async () => {
    let now = Date.parse('2026-12-06T10:00:00Z');
    const asked: Array<[string, string]> = [];
    const typical = typicalReply({
      firstResponses: async (from, to) => {
        asked.push([from, to]);
        return [[120, 5]];
      },
      now: () => now,
    });
    expect(await typical()).toBe(120);
    now += 4 * 60_000;
    expect(await typical()).toBe(120);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.[0]).toBe('2026-11-22T10:00:00.000Z');
    now += 2 * 60_000;
    await typical();
    expect(asked).toHaveLength(2);
  });
});
