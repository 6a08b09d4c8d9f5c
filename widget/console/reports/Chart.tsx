import { useEffect, useRef, useState } from 'preact/hooks';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  bars?: boolean;
  color: string;
}

type UPlot = typeof import('uplot');
let loading: Promise<UPlot> | undefined;
/** uPlot and its stylesheet load the first time a chart is drawn: only the Reports screen pays for them. */
const loadUPlot = (): Promise<UPlot> => {
  const p =
    loading ??
    Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(
      ([m]) => (m as unknown as { default: UPlot }).default ?? m,
    );
  loading = p;
  p.catch(() => {
    loading = undefined;
  });
  return p;
};

/** Dates on the axis as MM-DD (the legend and the table keep the year). */
const short = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? s.slice(5) : s);

/**
 * A small chart (uPlot, canvas). The canvas is an image to assistive technology, named by `label`; the
 * same numbers are in the table and the CSV beside every chart.
 */
export function Chart({
  xLabel = 'Day',
  label,
  x,
  series,
  height = 200,
}: {
  xLabel?: string;
  label: string;
  x: string[];
  series: ChartSeries[];
  height?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let plot: { destroy(): void; setSize(s: { width: number; height: number }): void } | undefined;
    let live = true;
    let observer: ResizeObserver | undefined;
    loadUPlot().then(
      (UPlot) => {
        const el = box.current;
        if (!live || !el) return;
        const width = Math.max(280, el.clientWidth);
        const bars = UPlot.paths.bars?.({ size: [0.6, 48] });
        plot = new UPlot(
          {
            width,
            height,
            legend: { show: true },
            cursor: { drag: { x: false, y: false } },
            // Half a step of room at each end, so the first and last bars are whole.
            scales: {
              x: { time: false, range: (_u: unknown, min: number, max: number) => [min - 0.5, max + 0.5] },
            },
            axes: [
              {
                values: (_u: unknown, ticks: number[]) => ticks.map((t) => short(x[Math.round(t)] ?? '')),
                space: 60,
              },
              { size: 50 },
            ],
            series: [
              {
                label: xLabel,
                value: (_u: unknown, v: number | null) => (v === null ? '' : (x[Math.round(v)] ?? '')),
              },
              ...series.map((s) => ({
                label: s.label,
                stroke: s.color,
                fill: s.bars ? `${s.color}55` : undefined,
                width: 2,
                ...(s.bars && bars ? { paths: bars, points: { show: false } } : {}),
              })),
            ],
          },
          [x.map((_, i) => i), ...series.map((s) => s.values)] as never,
          el,
        );
        if (typeof ResizeObserver !== 'undefined') {
          observer = new ResizeObserver(() =>
            plot?.setSize({ width: Math.max(280, el.clientWidth), height }),
          );
          observer.observe(el);
        }
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [label, x, series, height, xLabel]);

  return (
    <div class="report-chart" role="img" aria-label={label} ref={box}>
      {failed && <p class="muted">The chart could not be drawn; the numbers are in the table below.</p>}
    </div>
  );
}
