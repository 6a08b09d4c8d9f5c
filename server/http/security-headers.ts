import type { RequestHandler, Response } from 'express';

/**
 * What every response starts with, whatever it is (API JSON, an asset, an error): no sniffing, no framing,
 * and a policy that allows nothing. HTML pages replace the policy with their own (`sendPage`).
 */
export const BASELINE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function securityHeaders(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', BASELINE_CSP);
    next();
  };
}

/** An HTML page's own headers: its policy, never framed, always revalidated. */
export function pageHeaders(res: Response, csp: string): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cache-Control', 'no-cache');
}
