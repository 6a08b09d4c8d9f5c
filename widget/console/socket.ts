import { io, type Socket } from 'socket.io-client';
import type { AgentRef } from '../../server/protocol/dto.ts';
import type { AgentClientEvents, AgentServerEvents } from '../../server/protocol/events.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import { type CommandResultOf, emitCommand, type LinkState, RequestError } from '../ui/realtime-link.ts';

/** Who has a conversation open in a console. */
export type Viewer = AgentRef;
export type ClientEvents = AgentClientEvents;
export type ServerEvents = AgentServerEvents;

export type AgentSocket = Socket<ServerEvents, ClientEvents>;
export type Command = keyof ClientEvents;
export type CommandInput<E extends Command> = Parameters<ClientEvents[E]>[0];
export type CommandResult<E extends Command> = CommandResultOf<ClientEvents, E>;
export type Fact = keyof ServerEvents;
export { type LinkState, RequestError };

/** What the console needs from the realtime link; tests pass a fake with the same shape. */
export interface AgentConnection {
  request<E extends Command>(event: E, input: CommandInput<E>): Promise<CommandResult<E>>;
  on<E extends Fact>(event: E, listener: ServerEvents[E]): () => void;
  onState(listener: (state: LinkState) => void): () => void;
  /** Connects again after the server refused the session (the agent has signed in again). */
  reconnect(): void;
  close(): void;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** Sends a command and resolves with the ack's data; rejects with RequestError on an error ack or timeout. */
export function request<E extends Command>(
  socket: AgentSocket,
  event: E,
  input: CommandInput<E>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<CommandResult<E>> {
  return emitCommand(socket, event, input, timeoutMs);
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
    // A one-time password not yet replaced counts as no session: the console shows the sign-in way back.
    if (code === 'unauthorized' || code === 'password_change_required' || code === 'protocol_mismatch') {
      socket.disconnect();
      tell(code === 'protocol_mismatch' ? 'outdated' : 'unauthorized');
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
    reconnect: () => {
      if (!socket.connected) socket.connect();
    },
    close: () => socket.disconnect(),
  };
}
