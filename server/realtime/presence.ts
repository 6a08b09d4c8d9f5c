import type { Namespace } from 'socket.io';
import { agentDTO } from '../domain/identity/agents.ts';
import type { Logger } from '../lib/logger.ts';
import type { AgentClientEvents, AgentServerEvents } from '../protocol/events.ts';
import type { Services } from '../services.ts';
import { rooms } from './rooms.ts';

/**
 * Agent presence across consoles and nodes: online while any console is connected; offline when the last
 * one goes; after a grace period with none back, the agent's open conversations return to the queue.
 */
export function createPresence(
  nsp: Namespace<AgentClientEvents, AgentServerEvents>,
  services: Services,
  logger: Logger,
) {
  const log = logger.child({ module: 'presence' });
  const graceTimers = new Map<string, NodeJS.Timeout>();
  // Once the server is shutting down, sockets closing are not agents leaving.
  let stopped = false;
  const consoles = async (agentId: string) => (await nsp.in(rooms.agent(agentId)).fetchSockets()).length;
  const announce = (a: Parameters<typeof agentDTO>[0]) =>
    nsp.to(rooms.agents).emit('agent:updated', agentDTO(a));

  return {
    async connected(agentId: string, status: string) {
      clearTimeout(graceTimers.get(agentId));
      graceTimers.delete(agentId);
      if (status === 'offline') announce(await services.agents.setStatus(agentId, 'online'));
      await services.routing.assignWaiting();
    },

    async disconnected(agentId: string) {
      if (stopped || (await consoles(agentId)) > 0 || stopped) return;
      announce(await services.agents.setStatus(agentId, 'offline'));
      const graceMs = (await services.settings.get()).routing.agentGraceSeconds * 1000;
      const timer = setTimeout(() => {
        graceTimers.delete(agentId);
        void (async () => {
          if ((await consoles(agentId)) > 0) return;
          const returned = await services.conversations.returnToQueue(agentId);
          if (returned.length)
            log.info(
              { agentId, count: returned.length },
              "returned a disconnected agent's conversations to the queue",
            );
          await services.routing.assignWaiting();
        })().catch((err: unknown) => log.error({ err }, 'returning conversations to the queue failed'));
      }, graceMs);
      timer.unref();
      graceTimers.set(agentId, timer);
    },

    stop() {
      stopped = true;
      for (const t of graceTimers.values()) clearTimeout(t);
      graceTimers.clear();
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
