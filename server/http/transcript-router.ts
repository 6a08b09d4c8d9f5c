import { createHash } from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import { DomainError } from '../domain/errors.ts';
import { type TranscriptEmail, transcriptRequestSchema } from '../domain/follow-up/transcript-email.ts';
import { ErrorCode } from '../protocol/errors.ts';
import { ownOrigin } from '../realtime/origins.ts';
import type { Services } from '../services.ts';
import { parse } from './errors.ts';
import { pageHeaders } from './security-headers.ts';

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;color:#1f2330;max-width:32rem;margin:4rem auto;padding:0 1rem}' +
  'button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:8px;background:#3b5bdb;color:#fff;cursor:pointer}';
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(res: Response, status: number, title: string, body: string): void {
  pageHeaders(res, CSP);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`,
    );
}

/**
 * The chat transcript by email: `POST /api/visitor/transcript` (the visitor token in the body; mounted behind the widget's
 * CORS and origin checks), and the confirmation page `/transcript/confirm?token=` whose button (a POST, so a
 * mail scanner opening the link sends nothing) sends it.
 */
export function createTranscriptRouters(deps: {
  services: Services;
  transcripts: TranscriptEmail;
  publicUrl?: string | undefined;
}): { api: Router; pages: Router } {
  const { services, transcripts } = deps;
  const api = Router();
  // The widget asks before offering the transcript (404 when mail does not leave this server).
  api.get('/', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ available: true });
  });
  api.post('/', async (req: Request, res) => {
    // The token comes in the body from the widget (the CORS preflight allows no Authorization header), or as a Bearer.
    const { token: inBody, ...body } = (req.body ?? {}) as Record<string, unknown>;
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : inBody;
    const visitor = token ? await services.visitors.fromToken(token) : undefined;
    if (!visitor) throw new DomainError(ErrorCode.unauthorized, 'Send the visitor token');
    const input = parse(transcriptRequestSchema, body);
    const origin = ownOrigin(req, deps.publicUrl);
    const outcome = await transcripts.request(visitor, input, req.ip ?? 'unknown', (token) =>
      new URL(`/transcript/confirm?token=${token}`, origin).toString(),
    );
    res.setHeader('Cache-Control', 'no-store');
    res.status(202).json({ outcome });
  });

  const pages = Router();
  const token = (req: Request) => String(req.query.token ?? req.body?.token ?? '');
  const gone = (res: Response) =>
    page(
      res,
      404,
      'This link no longer works',
      '<p>It was used already, or it is more than 24 hours old. Ask for the transcript again from the chat.</p>',
    );
  pages.get('/confirm', async (req, res) => {
    const t = token(req);
    const p = await transcripts.pending(t);
    if (!p) return gone(res);
    page(
      res,
      200,
      'Send the chat transcript?',
      `<p>The transcript of the chat will be sent to <strong>${esc(p.email)}</strong>.</p>` +
        `<form method="post" action="confirm"><input type="hidden" name="token" value="${esc(t)}"><button type="submit">Send the transcript</button></form>`,
    );
  });
  pages.post('/confirm', express.urlencoded({ extended: false, limit: 1024 }), async (req, res) => {
    if (!(await transcripts.confirm(token(req)))) return gone(res);
    page(res, 200, 'Transcript sent', '<p>Check your inbox: the transcript is on its way.</p>');
  });
  return { api, pages };
}
