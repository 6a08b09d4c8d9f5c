import type { output, ZodType } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { toErrorBody, validationError } from '../lib/error-body.ts';
import type { Logger } from '../lib/logger.ts';
import type { RateLimiter } from '../lib/rate-limit.ts';
import { type Ack, type AckFn, ErrorCode } from '../protocol/errors.ts';

/** A command of an event map: a payload in, an acknowledgement out. */
type Command = (input: never, ack: never) => void;

/** The payload of a command, read off the event map. */
export type CommandInput<F> = F extends (input: infer I, ack: AckFn<infer _>) => void ? I : never;
/** The result its acknowledgement carries. */
export type CommandResult<F> = F extends (input: infer _, ack: AckFn<infer O>) => void ? O : never;

/** One schema per command of the event map `E`, whose output is the command's payload. */
export type CommandSchemas<E extends Record<keyof E, Command>> = {
  readonly [K in keyof E]: ZodType<CommandInput<E[K]>>;
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
interface SchemaMismatch<K> {
  'the schema must produce exactly the payload of': K;
}
/**
 * Zod's types are covariant, so `satisfies CommandSchemas<E>` lets through a schema that asks for more than
 * the payload (another command's schema with an extra field); the binder takes only exact ones.
 */
export type ExactSchemas<S, E> = {
  readonly [K in keyof E]: K extends keyof S
    ? Same<output<S[K]>, CommandInput<E[K]>> extends true
      ? S[K]
      : SchemaMismatch<K>
    : SchemaMismatch<K>;
};

/** One handler per command, typed by the event map: its validated payload in, its ack's result out. */
export type CommandHandlers<E extends Record<keyof E, Command>> = {
  readonly [K in keyof E]: (input: CommandInput<E[K]>) => Promise<CommandResult<E[K]>>;
};

/** The part of a Socket.IO socket the binder needs; a socket typed by the event map `E` is one. */
export interface CommandSocket<E> {
  on(event: keyof E & string, listener: (payload: unknown, ack?: unknown) => void): unknown;
  /** Every event the client sends; the binder answers the ones that are no command. */
  onAny?(listener: (event: string, ...args: unknown[]) => void): unknown;
}

export interface BindOptions<E> {
  logger: Logger;
  /** Whose budget a command spends (the visitor, the agent). */
  key: string;
  /** The budget a command spends; none: unlimited. */
  budget: (command: keyof E) => RateLimiter | undefined;
}

/**
 * Binds every command of a namespace's event map `E` on a socket: check the budget, validate the payload with
 * the command's schema, run its handler, acknowledge a typed result or an error body. It never throws
 * (Socket.IO has no error handling for listeners); a missing ack callback is tolerated.
 *
 * A schema that is not exactly the command's payload, a handler that returns the wrong result, and a command
 * without a handler are compile errors (test/unit/binder.test-d.ts).
 */
export function commandBinder<E extends Record<keyof E, Command>>() {
  return <S extends CommandSchemas<E>>(
    socket: CommandSocket<E>,
    schemas: S & ExactSchemas<S, E>,
    handlers: CommandHandlers<E>,
    opts: BindOptions<E>,
  ): void => {
    const bind = <K extends keyof E & string>(command: K) => {
      const schema: ZodType<CommandInput<E[K]>> = schemas[command];
      const run = handlers[command];
      const budget = opts.budget(command);
      socket.on(command, async (payload, ack) => {
        const reply = (r: Ack<CommandResult<E[K]>>) => {
          if (typeof ack === 'function') ack(r);
        };
        try {
          if (budget && !budget.take(opts.key)) {
            throw new DomainError(
              ErrorCode.rateLimited,
              'Too many requests; slow down and try again shortly',
            );
          }
          const parsed = schema.safeParse(payload ?? {});
          if (!parsed.success) throw validationError(parsed.error);
          reply({ ok: true, data: await run(parsed.data) });
        } catch (err) {
          reply({ ok: false, error: toErrorBody(err, opts.logger) });
        }
      });
    };
    const commands = new Set<string>(commandNames(handlers));
    for (const command of commandNames(handlers)) bind(command);
    // An event that is no command still gets an answer, so a client never waits on a silence.
    socket.onAny?.((event, ...args) => {
      const ack = args[args.length - 1];
      if (commands.has(event) || typeof ack !== 'function') return;
      ack({
        ok: false,
        error: { code: ErrorCode.badRequest, message: `No such command: ${event.slice(0, 64)}` },
      });
    });
  };
}

function commandNames<E>(handlers: { readonly [K in keyof E]: unknown }): Array<keyof E & string> {
  return Object.keys(handlers).filter((k): k is keyof E & string => k in handlers);
}
