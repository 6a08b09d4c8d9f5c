/**
 * Log lines for a person at a terminal: `12:04:31 WARN  main  no agent account exists yet: …`, coloured by
 * level, with the other fields as `key=value`. Parley writes JSON (one object a line, for log collectors)
 * whenever its output is not a terminal; `npm start` in a terminal gets these instead.
 */
const LEVELS: Record<number, [string, string]> = {
  10: ['TRACE', '\x1b[90m'],
  20: ['DEBUG', '\x1b[90m'],
  30: ['INFO ', '\x1b[36m'],
  40: ['WARN ', '\x1b[33m'],
  50: ['ERROR', '\x1b[31m'],
  60: ['FATAL', '\x1b[41m'],
};
const RESET = '\x1b[0m';
const BOLD = '\x1b[1m';
const QUIET = new Set(['level', 'time', 'msg', 'app', 'module', 'pid', 'hostname']);

export function formatLogLine(json: string, colour = true): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const [name, tint] = LEVELS[Number(o.level)] ?? ['LOG  ', ''];
  const time = new Date(typeof o.time === 'number' ? o.time : Date.now()).toTimeString().slice(0, 8);
  const module = typeof o.module === 'string' ? `${o.module}  ` : '';
  const rest = Object.entries(o)
    .filter(([k]) => !QUIET.has(k))
    .map(([k, v]) => `${k}=${k === 'err' ? errorText(v) : typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  const level = colour ? `${tint}${name}${RESET}` : name;
  // Warnings and errors are what a newcomer must not miss (e.g. "no agent account exists yet"): bold.
  const msg = String(o.msg ?? '');
  const text = colour && Number(o.level) >= 40 ? `${BOLD}${msg}${RESET}` : msg;
  return `${time} ${level} ${module}${text}${rest ? `  ${rest}` : ''}\n`;
}

function errorText(v: unknown): string {
  if (v && typeof v === 'object' && 'message' in v) {
    const e = v as { message: unknown; stack?: unknown };
    return typeof e.stack === 'string' ? `\n${e.stack}` : String(e.message);
  }
  return JSON.stringify(v);
}

/** A pino destination that writes formatted lines to `out` (a TTY). */
export function prettyDestination(out: NodeJS.WriteStream, colour = out.hasColors?.() ?? false) {
  return { write: (line: string) => void out.write(formatLogLine(line, colour)) };
}
