import { useEffect, useState } from 'preact/hooks';

/** The time, refreshed every `everyMs`, so "waiting 4 min" keeps counting without new data. */
export function useNow(clock: () => number, everyMs = 30_000): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), everyMs);
    return () => clearInterval(timer);
  }, [clock, everyMs]);
  return now;
}
