import { io, type Socket } from 'socket.io-client';
import type { VisitorClientEvents, VisitorServerEvents } from '../../server/protocol/events.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import { type CommandResultOf, emitCommand, type LinkState, RequestError } from '../ui/realtime-link.ts';

export type Command = keyof VisitorClientEvents;
export type CommandInput<E extends Command> = Parameters<VisitorClientEvents[E]>[0];
export type CommandResult<E extends Command> = CommandResultOf<VisitorClientEvents, E>;
export type Fact = keyof VisitorServerEvents;
export { type LinkState, RequestError };

/** What the conversation store needs from the realtime link; tests pass a fake with this shape. */
export interface VisitorConnection {
  request<E extends Command>(event: E, input: CommandInput<E>): Promise<CommandResult<E>>;
  on<E extends Fact>(event: E, listener: VisitorServerEvents[E]): () => void;
  onState(listener: (state: LinkState) => void): () => void;
  close(): void;
}

const TIMEOUT_MS = 10_000;

/** Opens `<base>visitor`; Socket.IO's HTTP path sits under the same base (`<base>socket.io/`). */
export function connectVisitor(base: string, token: string): VisitorConnection {
  const url = new URL(base);
  const socket: Socket<VisitorServerEvents, VisitorClientEvents> = io(`${url.origin}/visitor`, {
    path: `${url.pathname}socket.io/`,
    auth: { token, protocol: PROTOCOL_VERSION },
    withCredentials: false,
    // Back-off with jitter, so a restarted server is not hit by every visitor at the same instant.
    reconnectionDelay: 800,
    reconnectionDelayMax: 5000,
    randomizationFactor: 0.5,
  });
  let retries = 0;
  let closed = false;
  const listeners = new Set<(state: LinkState) => void>();
  const tell = (state: LinkState) => {
    for (const fn of listeners) fn(state);
  };
  socket.on('connect', () => {
    retries = 0;
    tell('connected');
  });
  socket.on('disconnect', () => tell('disconnected'));
  socket.on('connect_error', (err) => {
    // The server puts its error code in `data.code` (docs/protocol.md).
    const code = (err as Error & { data?: { code?: string } }).data?.code;
    if (code === 'unauthorized' || code === 'protocol_mismatch') {
      socket.disconnect();
      tell(code === 'unauthorized' ? 'unauthorized' : 'outdated');
    } else {
      tell('disconnected');
      // A refusal from the server's middleware (e.g. `unavailable`) stops socket.io's own reconnection.
      if (!socket.active) {
        const delay = Math.min(5000, 800 * 2 ** retries++) * (0.5 + Math.random());
        setTimeout(() => closed || socket.connect(), delay);
      }
    }
  });

  return {
    request: (event, input) =>
      // Never buffered while offline: the outbox resends with the same clientId once the link is back.
      socket.connected
        ? emitCommand(socket, event, input, TIMEOUT_MS)
        : Promise.reject(new RequestError('unavailable', 'Not connected to the server.')),
    on(event, listener) {
      socket.on(event, listener as never);
      return () => {
        socket.off(event, listener as never);
      };
    },
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      closed = true;
      socket.disconnect();
    },
  };
}
