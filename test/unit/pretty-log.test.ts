import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../server/lib/pretty-log.ts';

describe('log lines at a terminal', () => {
  it('read as time, level, module and message, with the other fields after', () => {
    const time = new Date(2026, 11, 6, 9, 4, 31).getTime();
    const line = JSON.stringify({
      level: 40,
      time,
      app: 'parley',
      module: 'main',
      msg: 'no agent account exists yet',
      hint: 'agent:add',
    });
    expect(formatLogLine(line, false)).toBe(
      '09:04:31 WARN  main  no agent account exists yet  hint=agent:add\n',
    );
  });

  it('make warnings stand out in colour, and pass anything that is not JSON through', () => {
    const line = JSON.stringify({ level: 40, time: 0, msg: 'look here' });
    expect(formatLogLine(line, true)).toContain('\x1b[1mlook here\x1b[0m');
    expect(formatLogLine('plain text', true)).toBe('plain text\n');
  });
});
