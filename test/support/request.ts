import type { Socket } from 'socket.io-client';
import type { Ack } from '../../server/protocol/errors.ts';
import type { CommandInput, CommandResult } from '../../server/realtime/binder.ts';

/**
 * Sends a command and resolves with its ack, both typed by the namespace's event map (the socket's
 * `EmitEvents`): a misspelt command, a payload of the wrong shape or a wrong reading of the result does not
 * compile.
 */
export function request<L, E, K extends keyof E & string>(
  socket: Socket<L & object, E & object>,
  event: K,
  payload: CommandInput<E[K]>,
  /** How long to wait for the ack before rejecting (benchmarks under overload wait longer). */
  timeoutMs = 5000,
): Promise<Ack<CommandResult<E[K]>>> {
  return requestUnchecked(socket, event, payload, timeoutMs);
}

/** `request` with any payload at all: for tests that send what a hostile or broken client would. */
export function requestUnchecked<L, E, K extends keyof E & string>(
  socket: Socket<L & object, E & object>,
  event: K,
  payload: unknown,
  timeoutMs = 5000,
): Promise<Ack<CommandResult<E[K]>>> {
  // The one untyped step: Socket.IO's own typing of emitWithAck cannot follow a generic event map.
  const untyped = socket as unknown as Socket;
  return untyped.timeout(timeoutMs).emitWithAck(event, payload);
}
