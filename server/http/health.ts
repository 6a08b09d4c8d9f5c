import { Router } from 'express';
import type { StorageState } from '../storage/faults.ts';

/** `off`: one node without REDIS_URL. */
export type RedisState = 'up' | 'down' | 'off';

export interface HealthSources {
  /** Asks the database now. */
  database(): Promise<StorageState>;
  redis?: () => RedisState;
}

const PROBE_TIMEOUT_MS = 3000;

/**
 * `GET /healthz`: this node serves its clients (200 while the database answers and can write; 503 while it is
 * unreachable or its disk is full). `GET /readyz`: ready for traffic in a cluster: the same, and Redis reachable
 * when there is one. Both answer `{ ok, database, redis }`, so a monitor sees which part is away.
 */
export function createHealthRouter(sources: HealthSources): Router {
  const router = Router();
  const report = async () => {
    const timeout = new Promise<StorageState>((r) => setTimeout(() => r('down'), PROBE_TIMEOUT_MS).unref());
    const database = await Promise.race([sources.database().catch((): StorageState => 'down'), timeout]);
    return { database, redis: sources.redis?.() ?? 'off' };
  };
  router.get('/healthz', async (_req, res) => {
    const r = await report();
    const ok = r.database === 'up';
    res.status(ok ? 200 : 503).json({ ok, ...r });
  });
  router.get('/readyz', async (_req, res) => {
    const r = await report();
    const ok = r.database === 'up' && r.redis !== 'down';
    res.status(ok ? 200 : 503).json({ ok, ...r });
  });
  return router;
}
