import { every } from '../lib/every.ts';
import type { Logger } from '../lib/logger.ts';
import type { Services } from '../services.ts';
import type { AgentNamespace } from './namespaces.ts';

/**
 * A console whose session has ended without a sign-out (it expired, or was deleted on another node before its
 * cut arrived) is disconnected within `everyMs`, even if it never sends a command. Each node sweeps its own
 * sockets; a database that does not answer disconnects nobody.
 */
export function startSessionSweep(
  nsp: AgentNamespace,
  services: Services,
  logger: Logger,
  everyMs = 30_000,
): () => void {
  const sweep = async () => {
    for (const socket of nsp.sockets.values()) {
      if (!(await services.agents.fromSession(socket.data.token))) socket.disconnect(true);
    }
  };
  return every(everyMs, () =>
    sweep().catch((err: unknown) => logger.warn({ err, module: 'session-sweep' }, 'session sweep failed')),
  );
}
