/** Short human durations for lists: "just now", "4 min", "2 h 5 min", "3 d". */
export function formatDuration(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

/** How long ago an ISO time was, relative to `now` (ms). */
export const since = (iso: string, now: number) => formatDuration(now - Date.parse(iso));

/** "just now", or "4 min ago": never "just now ago". */
export function ago(iso: string, now: number): string {
  const d = since(iso, now);
  return d === 'just now' ? d : `${d} ago`;
}

/** A time of day in the agent's locale; includes the date when it is not today. */
export function formatTime(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return sameDay
    ? d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The visitor's wall-clock time, when their time zone is known and valid. */
export function timeIn(timeZone: string, now = Date.now()): string | null {
  try {
    return new Date(now).toLocaleTimeString(undefined, { timeZone, hour: '2-digit', minute: '2-digit' });
  } catch {
    return null;
  }
}

/** Only http(s) URLs from visitors become links; anything else is shown as text. */
export function safeHref(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
