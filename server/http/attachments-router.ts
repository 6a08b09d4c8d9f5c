import express, { type Request, Router } from 'express';
import { type ImageLimits, reencodeImage } from '../domain/attachments/images.ts';
import { cleanFileName, signFilePath, verifyFilePath } from '../domain/attachments/signed-urls.ts';
import { IMAGE_TYPES, sniffType } from '../domain/attachments/sniff.ts';
import type { VirusScanner } from '../domain/attachments/virus-scan.ts';
import { DomainError } from '../domain/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { AttachmentRef } from '../protocol/dto.ts';
import { ErrorCode } from '../protocol/errors.ts';
import { readCookie, SESSION_COOKIE } from '../realtime/cookies.ts';
import type { Services } from '../services.ts';
import type { FileStorage } from '../storage/files/file-storage.ts';
import { isSha256, sha256Of } from '../storage/files/file-storage.ts';
import { requireAllowedOrigin, widgetCors } from './cors.ts';
import { requireAgent } from './require-agent.ts';
import { spend } from './spend.ts';

export interface AttachmentOptions {
  storage: FileStorage;
  /** HMAC secret of the signed file URLs; the same on every node. */
  secret: string;
  maxFileBytes: number;
  maxConversationBytes: number;
  /** How long a signed URL works (default one hour). */
  urlTtlSeconds?: number;
  images?: ImageLimits;
  /** Every upload passes it before it is stored (optional). */
  scanner?: VirusScanner | undefined;
}

const notFound = () => new DomainError(ErrorCode.notFound, 'No such conversation or file');

/**
 * Attachments over HTTP: the conversation's visitor (Bearer token) or an agent (session cookie) uploads raw
 * bytes (`POST /:conversationId?name=`) and asks for a signed link (`GET /:conversationId/:id/link?name=`);
 * anyone holding an unexpired signed link fetches the file from `/f/...`, served so it can never run as a page.
 */
export function createAttachmentsRouter(deps: {
  services: Services;
  logger: Logger;
  allowedOrigins: readonly string[];
  publicUrl?: string | undefined;
  options: AttachmentOptions | undefined;
}): Router {
  const router = Router();
  const opts = deps.options;
  if (!opts) return router;
  const { services } = deps;
  const ttl = opts.urlTtlSeconds ?? 3600;
  const { uploadsPerUploader, uploadsPerAddress } = services.budgets.http;
  /** With a scanner, every stored file passed it, and both sides are told so with each link. */
  const scanned = opts.scanner ? { scan: 'clean' as const } : {};

  // CORS for the widget on a host page: the upload carries the visitor token in Authorization.
  const cors = widgetCors(deps.allowedOrigins, deps.publicUrl, 'Content-Type, Authorization');

  /** Who asks, if they may see the conversation; a stranger (another visitor) gets 404, as for no conversation. */
  async function caller(req: Request): Promise<{ key: string }> {
    const conversationId = String(req.params.conversationId);
    const auth = req.headers.authorization;
    const conversation = await services.reads.byId(conversationId);
    if (auth?.startsWith('Bearer ')) {
      const visitor = await services.visitors.fromToken(auth.slice(7).trim());
      if (!visitor) throw new DomainError(ErrorCode.unauthorized, 'Unknown visitor token');
      if (!conversation || conversation.visitorId !== visitor.id) throw notFound();
      return { key: `v:${visitor.id}` };
    }
    const agent = await services.agents.fromSession(readCookie(req.headers.cookie, SESSION_COOKIE));
    if (!agent) throw new DomainError(ErrorCode.unauthorized, 'Sign in, or send the visitor token');
    if (agent.mustChangePassword)
      throw new DomainError(ErrorCode.passwordChangeRequired, 'Choose your own password first');
    services.conversations.assertVisible(agent);
    if (!conversation) throw notFound();
    return { key: `a:${agent.id}` };
  }

  const link = (conversationId: string, id: string, name: string) => {
    const expires = Math.floor(services.clock.now().getTime() / 1000) + ttl;
    return {
      url: signFilePath(opts.secret, { conversationId, id, name }, expires),
      expiresAt: expires * 1000,
    };
  };

  // Erasing a conversation deletes its files too.
  services.erasure.onErase((conversationId) => opts.storage.deleteScope(conversationId));

  router.use(cors);

  router.post(
    '/:conversationId',
    requireAllowedOrigin(deps.allowedOrigins, deps.publicUrl),
    async (req, _res, next) => {
      const who = await caller(req);
      spend(uploadsPerUploader, who.key, 'Too many uploads; try again in a minute');
      spend(
        uploadsPerAddress,
        req.ip ?? 'unknown',
        'Too many uploads from this address; try again in a minute',
      );
      next();
    },
    express.raw({ type: () => true, limit: opts.maxFileBytes }),
    async (req, res) => {
      const conversationId = String(req.params.conversationId);
      const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (raw.byteLength === 0) throw new DomainError(ErrorCode.badRequest, 'The file is empty');
      const type = await sniffType(raw);
      if (!type) {
        throw new DomainError(
          ErrorCode.fileTypeNotAllowed,
          'This type of file is not allowed: send an image (PNG, JPEG, GIF, WebP), a PDF or plain text',
        );
      }
      const image = IMAGE_TYPES.has(type) ? await reencodeImage(raw, type, opts.images) : undefined;
      const bytes = image?.bytes ?? raw;
      const stored = await opts.storage.list(conversationId);
      const sha256 = sha256Of(bytes);
      const already = stored.some((f) => f.sha256 === sha256);
      const used = stored.reduce((n, f) => n + f.size, 0);
      if (!already && used + bytes.byteLength > opts.maxConversationBytes) {
        throw new DomainError(
          ErrorCode.payloadTooLarge,
          `This conversation has reached its limit of ${Math.round(opts.maxConversationBytes / 1048576)} MB of files`,
        );
      }
      if (!already && opts.scanner) await scanOrRefuse(opts.scanner, bytes, deps.logger, conversationId);
      if (!already) await opts.storage.put(conversationId, bytes);
      const name = cleanFileName(req.query.name);
      const attachment: AttachmentRef = {
        id: sha256,
        name,
        type,
        size: bytes.byteLength,
        ...(image ? { width: image.width, height: image.height } : {}),
      };
      res.setHeader('Cache-Control', 'no-store');
      res.status(already ? 200 : 201).json({ attachment, ...link(conversationId, sha256, name), ...scanned });
    },
  );

  router.get('/:conversationId/:id/link', async (req, res) => {
    await caller(req);
    const conversationId = String(req.params.conversationId);
    const id = String(req.params.id);
    if (!isSha256(id) || !(await opts.storage.list(conversationId)).some((f) => f.sha256 === id))
      throw notFound();
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ...link(conversationId, id, cleanFileName(req.query.name)), ...scanned });
  });

  /** Erases every file of a conversation (a GDPR request, or data kept too long): admins only, from the console. */
  router.delete(
    '/:conversationId',
    requireAllowedOrigin([], deps.publicUrl),
    requireAgent(services, deps.logger, ['admin']),
    async (req, res) => {
      const conversationId = String(req.params.conversationId);
      if (!/^[A-Za-z0-9_-]{1,100}$/.test(conversationId) || !(await services.reads.byId(conversationId)))
        throw notFound();
      const deleted = await opts.storage.deleteScope(conversationId);
      deps.logger.info(
        { conversationId, deleted, by: (res.locals.agent as { id: string }).id },
        "a conversation's files were erased",
      );
      res.json({ deleted });
    },
  );

  router.get('/f/:conversationId/:id/:name', async (req, res) => {
    const ref = {
      conversationId: String(req.params.conversationId),
      id: String(req.params.id),
      name: String(req.params.name),
    };
    const now = Math.floor(services.clock.now().getTime() / 1000);
    const ok = verifyFilePath(opts.secret, ref, Number(req.query.e), String(req.query.s ?? ''), now);
    if (!ok || !/^[A-Za-z0-9_-]{1,100}$/.test(ref.conversationId)) throw notFound();
    const bytes = await opts.storage.get(ref.conversationId, ref.id);
    if (!bytes) throw notFound();
    const type = (await sniffType(bytes)) ?? 'application/octet-stream';
    const inline = IMAGE_TYPES.has(type);
    res.setHeader('Content-Type', type === 'text/plain' ? 'text/plain; charset=utf-8' : type);
    res.setHeader(
      'Content-Disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(ref.name)}`,
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.send(bytes);
  });
  return router;
}

/** Holds the upload until the scanner answers: a flagged file is refused, a scanner that fails fails the upload. */
async function scanOrRefuse(
  scanner: VirusScanner,
  bytes: Uint8Array,
  logger: Logger,
  conversationId: string,
) {
  let verdict: Awaited<ReturnType<VirusScanner['scan']>>;
  try {
    verdict = await scanner.scan(bytes);
  } catch (err) {
    logger.error({ err, conversationId }, `virus scan failed (${scanner.describe})`);
    throw new DomainError(ErrorCode.unavailable, 'The file could not be checked for viruses; try again');
  }
  if (verdict.infected) {
    logger.warn(
      { conversationId, signature: verdict.signature },
      'upload refused: the virus scan flagged it',
    );
    throw new DomainError(
      ErrorCode.fileInfected,
      `This file was not sent: the virus scan found ${verdict.signature}`,
    );
  }
}
