import { csvHref, type TableData } from './csv.ts';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
// Monday first, as most teams plan their week.
const ORDER = [1, 2, 3, 4, 5, 6, 0];

export function heatmapTable(weekdays: number[][]): TableData {
  return {
    columns: ['Day', ...Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`)],
    rows: ORDER.map((d) => [DAYS[d] ?? '', ...(weekdays[d] ?? [])]),
  };
}

/**
 * Busiest hours: a table is the chart (each cell shaded by its count), so it reads the same to everyone.
 * Hours are the workspace's.
 */
export function Heatmap({ weekdays, timeZone }: { weekdays: number[][]; timeZone: string }) {
  const max = Math.max(1, ...weekdays.flat());
  const table = heatmapTable(weekdays);
  return (
    <section class="card card-table report-figure" aria-labelledby="heatmap-title">
      <div class="report-figure-head">
        <h2 id="heatmap-title">Busiest hours</h2>
        <a class="btn btn-secondary btn-small" href={csvHref(table)} download="busiest-hours.csv">
          Download CSV <span class="visually-hidden">of busiest hours</span>
        </a>
      </div>
      <p class="muted">Conversations started, by day and hour ({timeZone}).</p>
      <table class="table heatmap">
        <caption class="visually-hidden">Conversations started by day of the week and hour</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {Array.from({ length: 24 }, (_, h) => (
              <th key={h} scope="col" abbr={`${h}:00`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ORDER.map((d) => (
            <tr key={d}>
              <th scope="row" abbr={DAYS[d]}>
                {DAYS[d]?.slice(0, 3)}
              </th>
              {(weekdays[d] ?? []).map((n, h) => (
                <td
                  key={h}
                  style={{ '--heat': (n / max).toFixed(2) }}
                  class={n / max > 0.55 ? 'hot' : undefined}
                >
                  {n}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
