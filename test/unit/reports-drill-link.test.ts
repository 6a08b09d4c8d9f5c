import { describe, expect, it } from 'vitest';
import { drillHref, drillTitle, parseDrill } from '../../widget/console/reports/drill.ts';

describe('a Reports drill-down link', () => {
  it('carries the metric, period and zone to the inbox and back', () => {
    const d = { metric: 'missed', from: '2026-11-01', to: '2026-11-30', tz: 'Europe/Berlin' } as const;
    expect(parseDrill(drillHref(d))).toEqual(d);
    const one = { ...d, metric: 'closed' as const, agent: { id: 'a1', name: 'Ana Lima' } };
    expect(parseDrill(drillHref(one))).toEqual(one);
  });

  it('ignores any other hash, an unknown metric or a bad date', () => {
    expect(parseDrill('#inbox/closed')).toBeNull();
    expect(parseDrill('#inbox/report?metric=everything&from=2026-11-01&to=2026-11-30&tz=UTC')).toBeNull();
    expect(parseDrill('#inbox/report?metric=missed&from=1.11.2026&to=2026-11-30&tz=UTC')).toBeNull();
  });

  it('names the view with the count and the period as people say it', () => {
    const d = { metric: 'missed', from: '2026-11-01', to: '2026-11-30', tz: 'UTC' } as const;
    // ICU versions space the range dash differently.
    expect(drillTitle(d, 12)).toMatch(/^Reports: Missed, 1\s?–\s?30 Nov 2026 — 12 conversations$/);
    expect(drillTitle({ ...d, to: '2026-11-01' }, 1)).toBe('Reports: Missed, 1 Nov 2026 — 1 conversation');
    expect(drillTitle({ ...d, from: '2026-10-28', to: '2026-11-03' }, null)).toMatch(
      /^Reports: Missed, 28 Oct\s–\s3 Nov 2026$/,
    );
  });
});
