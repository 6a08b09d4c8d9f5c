import express, { Router } from 'express';
import { z } from 'zod';
import { AVATAR_MAX_BYTES, avatarPath } from '../domain/identity/avatars.ts';
import type { Logger } from '../lib/logger.ts';
import type { Services } from '../services.ts';
import type { AgentRow } from '../storage/store.ts';
import { parse } from './errors.ts';
import { requireAgent } from './require-agent.ts';
import { spend } from './spend.ts';

const idParam = z.string().min(1).max(64);
const versionParam = z.string().regex(/^[0-9a-f]{16}$/);

/**
 * Agents' pictures. `PUT /api/console/avatar` (raw image bytes, the session) sets one's own, `DELETE` goes back
 * to initials; `GET /api/avatars/:agentId/:version.webp` serves it to visitors and consoles: WebP only, never
 * sniffed, cacheable for a year (the version is in the URL), loadable from the sites that embed the widget.
 */
export function createAvatarRouters(services: Services, logger: Logger): { own: Router; files: Router } {
  const log = logger.child({ module: 'avatars' });
  const own = Router();
  const anyone = requireAgent(services, log, ['admin', 'agent', 'editor']);
  const raw = express.raw({ type: () => true, limit: AVATAR_MAX_BYTES });
  own.put('/', anyone, raw, async (req, res) => {
    const agent = res.locals.agent as AgentRow;
    spend(
      services.budgets.http.uploadsPerUploader,
      `avatar:${agent.id}`,
      'Too many pictures at once; wait a minute',
    );
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const version = await services.avatars.set(agent.id, bytes);
    log.info({ agentId: agent.id }, 'agent changed their picture');
    res.json({ avatar: avatarPath(agent.id, version) });
  });
  /** Everyone's pictures by display name, for the console's conversations (`{ pictures: [{ name, avatar }] }`). */
  own.get('/team', anyone, async (_req, res) => {
    const people = (await services.agents.list()).filter((a) => !a.disabled);
    const pictures = await Promise.all(
      people.map(async (a) => ({ name: a.name, avatar: await services.avatars.url(a.id) })),
    );
    res.setHeader('Cache-Control', 'no-store');
    res.json({ pictures: pictures.filter((p) => p.avatar) });
  });
  own.delete('/', anyone, async (_req, res) => {
    await services.avatars.remove((res.locals.agent as AgentRow).id);
    res.json({ avatar: null });
  });
  own.get('/', anyone, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ avatar: await services.avatars.url((res.locals.agent as AgentRow).id) });
  });

  const files = Router();
  files.get('/:agentId/:version.webp', async (req, res) => {
    const agentId = parse(idParam, req.params.agentId);
    const version = parse(versionParam, req.params.version);
    const found = await services.avatars.get(agentId);
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    if (!found) return void res.status(404).end();
    if (found.version !== version) {
      res.setHeader('Cache-Control', 'no-cache');
      return void res.redirect(302, avatarPath(agentId, found.version));
    }
    res.setHeader('Content-Type', 'image/webp');
    res.setHeader('Content-Disposition', 'inline; filename="avatar.webp"');
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.end(found.bytes);
  });
  return { own, files };
}
