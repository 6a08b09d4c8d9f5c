import { agentDTO } from '../domain/identity/agents.ts';
import type { Logger } from '../lib/logger.ts';
import type { Services } from '../services.ts';
import type { AgentRow } from '../storage/store.ts';
import type { AgentNamespace } from './namespaces.ts';
import { rooms } from './rooms.ts';

/**
 * Agent presence across consoles and nodes: online while any console is connected; offline when the last
 * one goes; after a grace period with none back, the agent's open conversations return to the queue.
 *
 * The stored status is only a cache of "some node holds a console socket for this agent". A node that
 * crashes never hears its sockets close, so `recount()` rebuilds the truth from the sockets themselves
 * (through the adapter: every node answers): at start-up, and on many nodes every `sweepMs` as well.
 */
export function createPresence(nsp: AgentNamespace, services: Services, logger: Logger) {
  const log = logger.child({ module: 'presence' });
  const graceTimers = new Map<string, NodeJS.Timeout>();
  let sweep: NodeJS.Timeout | undefined;
  // Once the server is shutting down, sockets closing are not agents leaving.
  let stopped = false;
  const consoles = async (agentId: string) => (await nsp.in(rooms.agent(agentId)).fetchSockets()).length;
  const announce = (a: AgentRow) => nsp.to(rooms.agents).emit('agent:updated', agentDTO(a));

  const startGrace = async (agentId: string) => {
    clearTimeout(graceTimers.get(agentId));
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
  };

  /**
   * Marks an agent offline when no node holds a console for them. A console that joins while this runs
   * is seen by the second count (it joined before) or reads "offline" in `connected` (it joined after).
   */
  const goOffline = async (agentId: string): Promise<boolean> => {
    if (stopped || (await consoles(agentId)) > 0 || stopped) return false;
    announce(await services.agents.setStatus(agentId, 'offline'));
    if ((await consoles(agentId)) > 0) {
      announce(await services.agents.setStatus(agentId, 'online'));
      return false;
    }
    await startGrace(agentId);
    return true;
  };

  const recount = async (): Promise<number> => {
    const present = new Set((await nsp.fetchSockets()).map((s) => s.data.agent.id));
    let changed = 0;
    for (const a of await services.agents.list()) {
      if (a.status === 'offline' && present.has(a.id) && !stopped) {
        // Marked offline by a count that missed a node still joining: their console is there after all.
        announce(await services.agents.setStatus(a.id, 'online'));
        changed += 1;
      } else if (a.status !== 'offline' && !present.has(a.id) && (await goOffline(a.id))) changed += 1;
    }
    if (changed) log.info({ count: changed }, 'agent presence corrected from the consoles of every node');
    return changed;
  };

  return {
    async connected(agentId: string) {
      clearTimeout(graceTimers.get(agentId));
      graceTimers.delete(agentId);
      // Read after the socket joined its room, never from the handshake: see goOffline.
      const agent = await services.agents.byId(agentId);
      if (agent?.status === 'offline') announce(await services.agents.setStatus(agentId, 'online'));
      await services.routing.assignWaiting();
    },

    async disconnected(agentId: string) {
      await goOffline(agentId);
    },

    /**
     * Agents stored as present whose consoles are all gone (a node crashed) become offline; agents stored
     * as offline who have a console somewhere become online.
     */
    recount,

    /** Recounts now and, when `sweepMs` is given (several nodes), again at that interval. */
    start(sweepMs?: number) {
      const run = () => {
        recount().catch((err: unknown) => log.warn({ err }, 'presence recount failed'));
      };
      run();
      if (sweepMs) {
        sweep = setInterval(run, sweepMs);
        sweep.unref();
      }
    },

    stop() {
      stopped = true;
      clearInterval(sweep);
      for (const t of graceTimers.values()) clearTimeout(t);
      graceTimers.clear();
    },
  };
}

export type Presence = ReturnType<typeof createPresence>;
