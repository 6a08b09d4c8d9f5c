import type { DefaultEventsMap, Namespace, RemoteSocket, Server, Socket } from 'socket.io';
import type {
  AgentClientEvents,
  AgentServerEvents,
  VisitorClientEvents,
  VisitorServerEvents,
} from '../protocol/events.ts';
import type { AgentRow, VisitorRow } from '../storage/store.ts';

/** What a socket carries from its handshake. */
export interface VisitorSocketData {
  visitor: VisitorRow;
}
export interface AgentSocketData {
  agent: AgentRow;
  token: string;
}

export type VisitorNamespace = Namespace<
  VisitorClientEvents,
  VisitorServerEvents,
  DefaultEventsMap,
  VisitorSocketData
>;
export type AgentNamespace = Namespace<
  AgentClientEvents,
  AgentServerEvents,
  DefaultEventsMap,
  AgentSocketData
>;
export type VisitorSocket = Socket<
  VisitorClientEvents,
  VisitorServerEvents,
  DefaultEventsMap,
  VisitorSocketData
>;
export type AgentSocket = Socket<AgentClientEvents, AgentServerEvents, DefaultEventsMap, AgentSocketData>;
export type RemoteAgentSocket = RemoteSocket<AgentServerEvents, AgentSocketData>;

/** The two namespaces, typed by the protocol's event maps (the server's own generics are the untyped default). */
export function namespacesOf(io: Server): { visitors: VisitorNamespace; agents: AgentNamespace } {
  const visitors: VisitorNamespace = io.of('/visitor');
  const agents: AgentNamespace = io.of('/agent');
  return { visitors, agents };
}
