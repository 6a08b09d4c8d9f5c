import type { Clock } from '../../lib/clock.ts';
import { every } from '../../lib/every.ts';
import type { Logger } from '../../lib/logger.ts';
import type { ConversationErasure } from './conversation-erasure.ts';

/**
 * A retention period: conversations closed more than `days` ago are erased with their files, at start and
 * then every `everyMs` (an hour), at most 100 per pass. Each node runs it; erasing twice is harmless.
 */
export function startRetention(opts: {
  erasure: ConversationErasure;
  clock: Clock;
  days: number;
  logger: Logger;
  everyMs?: number;
}): () => void {
  const log = opts.logger.child({ module: 'retention' });
  const pass = async () => {
    try {
      const before = new Date(opts.clock.now().getTime() - opts.days * 86400_000).toISOString();
      const n = await opts.erasure.eraseClosedBefore(before);
      if (n > 0) log.info({ erased: n, before }, 'erased conversations past the retention period');
    } catch (err) {
      log.error({ err }, 'retention pass failed');
    }
  };
  return every(opts.everyMs ?? 3600_000, pass, { immediately: true });
}
