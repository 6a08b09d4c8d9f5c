import express, { type Request, type Response, Router } from 'express';
import type { Server } from 'socket.io';
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { type Author, KnowledgeBaseEditor } from '../domain/kb-editor/editor.ts';
import { MAX_IMAGE_BYTES } from '../domain/kb-editor/images.ts';
import type { Logger } from '../lib/logger.ts';
import { ErrorCode } from '../protocol/errors.ts';
import type { Services } from '../services.ts';
import type { AgentRow } from '../storage/rows.ts';
import { parse } from './errors.ts';
import { requireAgent } from './require-agent.ts';

const text = z.string().max(1024 * 1024);
const version = z.string().regex(/^[0-9a-f]{40}$/);
const slug = z.string().min(1).max(200);
const saveBody = z
  .object({ text, baseVersion: version.nullable(), restoredFrom: z.string().max(64).optional() })
  .strict();
const previewBody = z.object({ text }).strict();
const moveBody = z.object({ from: slug, to: slug, baseVersion: version }).strict();
const deleteQuery = z.object({ version }).strict();
const imageQuery = z.object({ name: z.string().min(1).max(200) }).strict();
/** Sent between nodes when an editor changed the knowledge base. */
const KB_CHANGED = 'kb:changed';
const versionId = z.string().regex(/^[0-9A-Za-z-]{1,64}$/);

/**
 * The in-browser editor's API, for editors and admins, mounted at `/api/admin/kb`: the article list with
 * status, an article's Markdown and version, a preview, a save that is checked, atomic and never blind,
 * move and delete (links kept working), image upload, and each article's history.
 */
export function createKbEditorRouter(services: Services, logger: Logger, io?: Server): Router {
  const router = Router();
  const log = logger.child({ module: 'kb-editor' });
  const reload = () => services.kb.reload?.() ?? Promise.resolve();
  // Live on every node: the node that saved rebuilds at once and tells the others (through the adapter, Redis
  // with many nodes), which rebuild from the shared folder even where their file watcher cannot see the change.
  io?.on(KB_CHANGED, () => {
    reload().catch((err) => log.error({ err }, 'knowledge base reload after an edit on another node failed'));
  });
  const editors = requireAgent(services, log, ['admin', 'editor']);
  const root = services.kb.root;
  const opened = root
    ? KnowledgeBaseEditor.open(
        root,
        async () => {
          await reload();
          io?.serverSideEmit(KB_CHANGED);
        },
        (err) => log.error({ err }, 'the change is saved but was not recorded in the history'),
      )
    : undefined;
  opened?.catch((err) => log.error({ err }, 'the knowledge-base editor cannot open its folder'));
  const need = async () => {
    if (!opened) throw new DomainError(ErrorCode.notFound, 'This knowledge base cannot be edited here');
    return opened;
  };
  const author = (res: Response): Author => {
    const agent = res.locals.agent as AgentRow;
    return { name: agent.name, email: agent.email };
  };
  const noStore = (res: Response) => res.setHeader('Cache-Control', 'no-store');

  router.get('/articles', editors, async (_req, res) => {
    noStore(res);
    const editor = await need();
    res.json({ articles: await editor.list(), history: editor.history.kind });
  });
  router.get('/articles/*slug', editors, async (req, res) => {
    noStore(res);
    res.json(await (await need()).read(slugOf(req)));
  });
  router.post('/preview/*slug', editors, async (req, res) => {
    res.json(await (await need()).preview(slugOf(req), parse(previewBody, req.body).text));
  });
  router.put('/articles/*slug', editors, async (req, res) => {
    const body = parse(saveBody, req.body);
    const message = body.restoredFrom
      ? `Restore ${slugOf(req)} from version ${body.restoredFrom}`
      : undefined;
    const saved = await (await need()).save(slugOf(req), body.text, body.baseVersion, author(res), message);
    res
      .status(body.baseVersion === null ? 201 : 200)
      .json({ slug: saved.slug, relPath: saved.relPath, version: saved.version });
  });
  router.delete('/articles/*slug', editors, async (req, res) => {
    const query = parse(deleteQuery, req.query);
    await (await need()).remove(slugOf(req), query.version, author(res));
    res.status(204).end();
  });
  router.post('/move', editors, async (req, res) => {
    const body = parse(moveBody, req.body);
    const moved = await (await need()).move(body.from, body.to, body.baseVersion, author(res));
    res.json({ slug: moved.slug, relPath: moved.relPath, version: moved.version, relinked: moved.relinked });
  });
  router.post(
    '/images',
    editors,
    express.raw({ type: () => true, limit: MAX_IMAGE_BYTES + 1 }),
    async (req, res) => {
      const { name } = parse(imageQuery, req.query);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      res.status(201).json(await (await need()).uploadImage(bytes, name, author(res)));
    },
  );
  router.get('/history/*slug', editors, async (req, res) => {
    noStore(res);
    res.json(await (await need()).versions(slugOf(req)));
  });
  router.get('/versions/:id/*slug', editors, async (req, res) => {
    noStore(res);
    const id = parse(versionId, (req.params as { id?: string }).id);
    res.json(await (await need()).version(slugOf(req), id));
  });
  return router;
}

function slugOf(req: Request): string {
  return ((req.params as { slug?: string[] }).slug ?? []).join('/');
}
