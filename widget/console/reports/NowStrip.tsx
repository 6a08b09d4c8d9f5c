import { useEffect, useState } from 'preact/hooks';
import { duration } from './periods.ts';
import type { Now, ReportsApi } from './reports-api.ts';

const EVERY_MS = 15_000;

/** Right now: the queue, the longest wait, agents online, chats in progress; read again every 15 s. */
export function NowStrip({ api }: { api: ReportsApi }) {
  const [now, setNow] = useState<Now | null>(null);
  useEffect(() => {
    let live = true;
    const read = () =>
      api.now().then(
        (n) => live && setNow(n),
        () => {},
      );
    void read();
    const timer = setInterval(read, EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api]);
  if (!now) return null;
  const items: Array<[string, string]> = [
    ['Waiting', String(now.waiting)],
    ['Longest wait', duration(now.longestWaitSeconds)],
    ['Agents online', String(now.agentsOnline)],
    ['Chats in progress', String(now.inProgress)],
  ];
  return (
    <section class="report-now" aria-labelledby="now-title">
      <h2 id="now-title" class="report-now-title">
        Now
      </h2>
      <dl>
        {items.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
