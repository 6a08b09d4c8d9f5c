import type { RequestHandler } from 'express';
import { DomainError } from '../domain/errors.ts';
import { ErrorCode } from '../protocol/errors.ts';
import { isAllowedOrigin, ownOrigin } from '../realtime/origins.ts';

/**
 * CORS for what host pages load: the widget's assets and its JSON API. Only listed origins (and
 * Parley's own) get an Access-Control-Allow-Origin; never `*`, never credentials. `allowHeaders` adds
 * request headers the widget may send (the attachments' visitor token in Authorization).
 */
export function widgetCors(
  allowed: readonly string[],
  publicUrl: string | undefined,
  allowHeaders = 'Content-Type',
): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (origin && isAllowedOrigin(origin, ownOrigin(req, publicUrl), allowed)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', allowHeaders);
      res.setHeader('Access-Control-Max-Age', '600');
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}

/** State-changing API calls from a browser must come from an allowed origin (CORS alone does not stop a simple POST). */
export function requireAllowedOrigin(
  allowed: readonly string[],
  publicUrl: string | undefined,
): RequestHandler {
  return (req, _res, next) => {
    if (isAllowedOrigin(req.headers.origin, ownOrigin(req, publicUrl), allowed)) return next();
    throw new DomainError(ErrorCode.originNotAllowed, 'This site may not use this Parley server');
  };
}
