import type { ZodType } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { toErrorBody, validationError } from '../lib/error-body.ts';
import type { Logger } from '../lib/logger.ts';
import type { RateLimiter } from '../lib/rate-limit.ts';
import { type Ack, ErrorCode } from '../protocol/errors.ts';

export interface HandlerOptions {
  logger: Logger;
  /** Key to rate-limit on (per socket, per visitor...); with `limiter`. */
  limit?: { limiter: RateLimiter; key: () => string };
}

/**
 * Every socket command goes through here: validate, run, ack a typed result, never throw
 * (Socket.IO has no error handling for listeners). A missing ack callback is tolerated.
 */
export function defineHandler<I, O>(schema: ZodType<I>, run: (input: I) => Promise<O>, opts: HandlerOptions) {
  return async (payload: unknown, ack?: unknown): Promise<void> => {
    const reply = (r: Ack<O>) => {
      if (typeof ack === 'function') ack(r);
    };
    try {
      if (opts.limit && !opts.limit.limiter.take(opts.limit.key())) {
        throw new DomainError(ErrorCode.rateLimited, 'Too many requests; slow down and try again shortly');
      }
      const parsed = schema.safeParse(payload ?? {});
      if (!parsed.success) throw validationError(parsed.error);
      reply({ ok: true, data: await run(parsed.data) });
    } catch (err) {
      reply({ ok: false, error: toErrorBody(err, opts.logger) });
    }
  };
}
