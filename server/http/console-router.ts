import { Router } from 'express';
import type { Server } from 'socket.io';
import type { Logger } from '../lib/logger.ts';
import type { Services } from '../services.ts';

/** Console-only resources (saved replies, agent administration). Mounted at /api/console. */
export function createConsoleRouter(_services: Services, _logger: Logger, _io: Server): Router {
  return Router();
}
