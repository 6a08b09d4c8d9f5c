import { io, type Socket } from 'socket.io-client';
import type { AckFn, ErrorBody } from '../../server/protocol/errors.ts';
import type { AgentClientEvents, AgentServerEvents } from '../../server/protocol/events.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';

/** Who has a conversation open in a console. */
export interface Viewer {
  id: string;
  name: string;
}

/**
 * Console presence, served by server/realtime/agent-namespace.ts but not yet in the shared maps of
 * server/protocol/events.ts: the console adds it here until it moves there.
 */
export interface PresenceClientEvents {
  'conversation:view': (input: { conversationId: string | null }, ack: AckFn<{ agents: Viewer[] }>) => void;
}
export interface PresenceServerEvents {
  'conversation:viewers': (e: { conversationId: string; agents: Viewer[] }) => void;
}
export type ClientEvents = AgentClientEvents & PresenceClientEvents;
export type ServerEvents = AgentServerEvents & PresenceServerEvents;

export type AgentSocket = Socket<ServerEvents, ClientEvents>;
export type Command = keyof ClientEvents;
export type CommandInput<E extends Command> = Parameters<ClientEvents[E]>[0];
export type CommandResult<E extends Command> =
  Parameters<ClientEvents[E]>[1] extends AckFn<infer T> ? T : never;
export type Fact = keyof ServerEvents;
/** `outdated`: this page speaks another protocol version than the server; only a reload helps. */
export type LinkState = 'connecting' | 'connected' | 'disconnected' | 'unauthorized' | 'outdated';

/** A failed command: the server's error code, or `timeout` / `disconnected` from this side. */
export class RequestError extends Error {
  constructor(
    readonly code: ErrorBody['code'] | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** What the console needs from the realtime link; tests pass a fake with the same shape. */
export interface AgentConnection {
  request<E extends Command>(event: E, input: CommandInput<E>): Promise<CommandResult<E>>;
  on<E extends Fact>(event: E, listener: ServerEvents[E]): () => void;
  onState(listener: (state: LinkState) => void): () => void;
  close(): void;
}

const DEFAULT_TIMEOUT_MS = 10_000;
type AnyAck = { ok: boolean; data?: unknown; error?: ErrorBody } | undefined;

/** Sends a command and resolves with the ack's data; rejects with RequestError on an error ack or timeout. */
export function request<E extends Command>(
  socket: AgentSocket,
  event: E,
  input: CommandInput<E>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<CommandResult<E>> {
  return new Promise((resolve, reject) => {
    // socket.io's typed emit cannot follow a generic event name; the maps above keep callers honest.
    const timed = socket.timeout(timeoutMs) as unknown as {
      emit(e: string, i: unknown, cb: (err: Error | null, ack: AnyAck) => void): void;
    };
    timed.emit(event, input, (err, ack) => {
      if (err) return reject(new RequestError('timeout', 'The server did not answer in time.'));
      if (ack?.ok) return resolve(ack.data as CommandResult<E>);
      const error = ack?.error ?? {
        code: 'internal' as const,
        message: 'Unexpected answer from the server.',
      };
      reject(new RequestError(error.code, error.message));
    });
  });
}

/** Opens the /agent namespace on this origin; the session cookie authenticates it. */
export function connectAgent(url = '/agent'): AgentConnection {
  const socket: AgentSocket = io(url, { auth: { protocol: PROTOCOL_VERSION }, withCredentials: true });
  const stateListeners = new Set<(state: LinkState) => void>();
  const tell = (state: LinkState) => {
    for (const fn of stateListeners) fn(state);
  };
  socket.on('connect', () => tell('connected'));
  socket.on('disconnect', (reason) => {
    tell('disconnected');
    // The server dropped us on purpose (account disabled, role changed, password reset): socket.io does not
    // retry by itself. Reconnect once; the handshake then says whether the session still stands.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (err) => {
    // The server puts its error code in `data.code` (see docs/protocol.md).
    const code = (err as Error & { data?: { code?: string } }).data?.code ?? err.message;
    if (code === 'unauthorized' || code === 'protocol_mismatch') {
      socket.disconnect();
      tell(code === 'unauthorized' ? 'unauthorized' : 'outdated');
    } else tell('disconnected');
  });
  return {
    request: (event, input) => request(socket, event, input),
    on(event, listener) {
      // Same reason as in request(): the generic event name defeats socket.io's overloads.
      const s = socket as unknown as { on(e: string, l: unknown): void; off(e: string, l: unknown): void };
      s.on(event, listener);
      return () => s.off(event, listener);
    },
    onState(listener) {
      stateListeners.add(listener);
      listener(socket.connected ? 'connected' : 'connecting');
      return () => stateListeners.delete(listener);
    },
    close: () => socket.disconnect(),
  };
}
