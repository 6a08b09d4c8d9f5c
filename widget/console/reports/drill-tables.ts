import type { TableData } from './csv.ts';
import { type DrillMetric, drillHref } from './drill.ts';
import type { AgentRow, Period } from './reports-api.ts';

/**
 * Makes a table's counts drill-down links: `metrics` names, per column, the count it holds (null: not a count
 * of conversations). Per-day tables link each day's count to that day; the per-agent table to the agent's own.
 */
export function dayLinks(table: TableData, metrics: Array<DrillMetric | null>, period: Period): TableData {
  return {
    ...table,
    links: table.rows.map((row) =>
      row.map((v, i) => {
        const metric = metrics[i];
        const date = String(row[0]);
        return metric && typeof v === 'number' && v > 0
          ? drillHref({ metric, from: date, to: date, tz: period.tz })
          : undefined;
      }),
    ),
  };
}

export function agentLinks(table: TableData, agents: AgentRow[], period: Period): TableData {
  const metrics: Array<DrillMetric | null> = [null, 'started', null, null, 'rated', null];
  return {
    ...table,
    links: table.rows.map((row, r) =>
      row.map((v, i) => {
        const metric = metrics[i];
        const a = agents[r];
        return metric && a && typeof v === 'number' && v > 0
          ? drillHref({ metric, ...period, agent: { id: a.agentId, name: a.name } })
          : undefined;
      }),
    ),
  };
}
