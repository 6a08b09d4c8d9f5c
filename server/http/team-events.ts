import type { Server } from 'socket.io';
import { agentDTO } from '../domain/identity/agents.ts';
import type { InviteUpdatedEvent } from '../protocol/accounts.ts';
import { namespacesOf } from '../realtime/namespaces.ts';
import { rooms } from '../realtime/rooms.ts';
import type { AgentRow } from '../storage/store.ts';

/**
 * What the consoles hear when the team changes, once it is stored: every answering console learns of an
 * agent (new, changed); admins' consoles learn that an invite was made, used or withdrawn, so an open
 * Agents screen stays current. Sent through the /agent namespace, so through the adapter to every node.
 */
export function teamEvents(io: Server) {
  const nsp = namespacesOf(io).agents;
  return {
    agent: (a: AgentRow) => nsp.to(rooms.agents).emit('agent:updated', agentDTO(a)),
    invite: (e: InviteUpdatedEvent) => nsp.to(rooms.admins).emit('invite:updated', e),
  };
}
