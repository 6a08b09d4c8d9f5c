import { type Request, Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { KnowledgeBaseEditor } from '../domain/kb-editor/editor.ts';
import type { Logger } from '../lib/logger.ts';
import { ErrorCode } from '../protocol/errors.ts';
import type { Services } from '../services.ts';
import { parse } from './errors.ts';
import { requireAgent } from './require-agent.ts';

const text = z.string().max(1024 * 1024);
const saveBody = z
  .object({
    text,
    baseVersion: z
      .string()
      .regex(/^[0-9a-f]{40}$/)
      .nullable(),
  })
  .strict();
const previewBody = z.object({ text }).strict();

/**
 * The in-browser editor's API, for editors and admins, mounted at `/api/admin/kb`: the article list with
 * status, an article's Markdown and version, a preview, and a save that is checked, atomic and never blind.
 */
export function createKbEditorRouter(services: Services, logger: Logger): Router {
  const router = Router();
  const editors = requireAgent(services, logger.child({ module: 'kb-editor' }), ['admin', 'editor']);
  const root = services.kb.root;
  const editor = root
    ? new KnowledgeBaseEditor(root, () => services.kb.reload?.() ?? Promise.resolve())
    : undefined;
  const need = () => {
    if (!editor) throw new DomainError(ErrorCode.notFound, 'This knowledge base cannot be edited here');
    return editor;
  };

  router.get('/articles', editors, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ articles: await need().list() });
  });
  router.get('/articles/*slug', editors, async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await need().read(slugOf(req)));
  });
  router.post('/preview/*slug', editors, async (req, res) => {
    res.json(await need().preview(slugOf(req), parse(previewBody, req.body).text));
  });
  router.put('/articles/*slug', editors, async (req, res) => {
    const body = parse(saveBody, req.body);
    const saved = await need().save(slugOf(req), body.text, body.baseVersion);
    res
      .status(body.baseVersion === null ? 201 : 200)
      .json({ slug: saved.slug, relPath: saved.relPath, version: saved.version });
  });
  return router;
}

function slugOf(req: Request): string {
  return ((req.params as { slug?: string[] }).slug ?? []).join('/');
}
