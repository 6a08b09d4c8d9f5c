import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../../server/lib/logger.ts';

/** A real logger whose lines are kept, to check what the server wrote and at which level. */
export function capturingLogger(): { logger: Logger; lines: Array<{ level: number; msg?: string }> } {
  const lines: Array<{ level: number; msg?: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger('debug', stream), lines };
}
