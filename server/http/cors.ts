import type { RequestHandler } from 'express';
import { isAllowedOrigin, ownOrigin } from '../realtime/origins.ts';

/**
 * CORS for what host pages load: the widget's assets and its JSON API. Only listed origins (and
 * Parley's own) get an Access-Control-Allow-Origin; never `*`, never credentials.
 */
export function widgetCors(allowed: readonly string[], publicUrl: string | undefined): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (origin && isAllowedOrigin(origin, ownOrigin(req, publicUrl), allowed)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
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
  return (req, res, next) => {
    if (isAllowedOrigin(req.headers.origin, ownOrigin(req, publicUrl), allowed)) return next();
    res
      .status(403)
      .json({ error: { code: 'origin_not_allowed', message: 'This site may not use this Parley server' } });
  };
}
