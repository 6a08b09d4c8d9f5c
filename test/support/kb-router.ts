import type { AddressInfo } from 'node:net';
import express from 'express';
import { errorHandler } from '../../server/http/errors.ts';
import { createKbRouter, type KbRouterDeps } from '../../server/http/kb-router.ts';
import { silentLogger } from '../../server/lib/logger.ts';

/** Just the knowledge-base API over `deps.kb`, on an ephemeral port: its base URL (…/api/kb) and how to stop it. */
export async function listenKbRouter(deps: Omit<KbRouterDeps, 'logger'>) {
  const app = express();
  app.use('/api/kb', createKbRouter({ ...deps, logger: silentLogger() }));
  // Routes throw; the central handler turns errors into bodies, as in the app.
  app.use(errorHandler(silentLogger()));
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/kb`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
