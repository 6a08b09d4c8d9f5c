/** One table's numbers, as the chart shows them and the CSV carries them. */
export interface TableData {
  columns: string[];
  rows: Array<Array<string | number | null>>;
  /** Per cell, where the count leads (the conversations behind it in the inbox); not in the CSV. */
  links?: Array<Array<string | undefined>>;
}

const cell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export function toCsv(t: TableData): string {
  return `${[t.columns, ...t.rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** A `data:` link for a download, so no object URL has to be revoked. */
export function csvHref(t: TableData): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(toCsv(t))}`;
}
