import type { AckFn, ErrorBody } from '../../server/protocol/errors.ts';

/** `unauthorized`: the credentials are no longer valid. `outdated`: another protocol version; only a reload helps. */
export type LinkState = 'connecting' | 'connected' | 'disconnected' | 'unauthorized' | 'outdated';

/** The data a command's ack carries, from an event map. */
export type CommandResultOf<Events, E extends keyof Events> = Events[E] extends (
  input: never,
  ack: AckFn<infer T>,
) => void
  ? T
  : never;

/** A failed command: the server's error code, or `timeout` from this side. */
export class RequestError extends Error {
  constructor(
    readonly code: ErrorBody['code'] | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

type AnyAck = { ok: boolean; data?: unknown; error?: ErrorBody } | undefined;
interface TimedSocket {
  timeout(ms: number): unknown;
}

/** Emits a command and resolves with its ack's data; rejects with RequestError on an error ack or a timeout. */
export function emitCommand<T>(
  socket: TimedSocket,
  event: string,
  input: unknown,
  timeoutMs: number,
): Promise<T> {
  return new Promise((resolve, reject) => {
    // socket.io's typed emit cannot follow a generic event name; the callers' event maps keep them honest.
    const timed = socket.timeout(timeoutMs) as {
      emit(e: string, i: unknown, cb: (err: Error | null, ack: AnyAck) => void): void;
    };
    timed.emit(event, input, (err, ack) => {
      if (err) return reject(new RequestError('timeout', 'The server did not answer in time.'));
      if (ack?.ok) return resolve(ack.data as T);
      const e = ack?.error ?? { code: 'internal' as const, message: 'Unexpected answer from the server.' };
      reject(new RequestError(e.code, e.message));
    });
  });
}
