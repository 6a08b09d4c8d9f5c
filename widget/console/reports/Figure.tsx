import type { ComponentChildren } from 'preact';
import { csvHref, type TableData } from './csv.ts';

/** A chart's card: title, the chart, its numbers as a table (open on demand) and as a CSV download. */
export function Figure({
  id,
  title,
  table,
  children,
  file,
}: {
  id: string;
  title: string;
  table: TableData;
  children?: ComponentChildren;
  file: string;
}) {
  return (
    <section class="card report-figure" aria-labelledby={`${id}-title`}>
      <div class="report-figure-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <a class="btn btn-secondary btn-small" href={csvHref(table)} download={`${file}.csv`}>
          Download CSV <span class="visually-hidden">of {title}</span>
        </a>
      </div>
      {children}
      <details class="report-table">
        <summary>
          Numbers as a table <span class="visually-hidden">of {title}</span>
        </summary>
        <DataTable caption={title} table={table} />
      </details>
    </section>
  );
}

export function DataTable({ caption, table }: { caption: string; table: TableData }) {
  return (
    <table class="table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {table.columns.map((c, i) => (
            <th key={c} scope="col" class={i ? 'num-col' : undefined}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r, row) => (
          <tr key={String(r[0])}>
            {r.map((v, i) => {
              const href = table.links?.[row]?.[i];
              return i === 0 ? (
                <th key={table.columns[i]} scope="row">
                  {v ?? '–'}
                </th>
              ) : (
                <td key={table.columns[i]} class="num-col">
                  {href ? (
                    <a href={href}>
                      {v}
                      <span class="visually-hidden">
                        {' '}
                        {table.columns[i]}, {String(r[0])}: show them in the inbox
                      </span>
                    </a>
                  ) : (
                    (v ?? '–')
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
