import type { IncomingMessage } from 'node:http';

/** The origin Parley itself is served from, as the browser sees it. */
export function ownOrigin(req: IncomingMessage, publicUrl: string | undefined): string {
  if (publicUrl) return new URL(publicUrl).origin;
  const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return `${proto}://${req.headers.host ?? 'localhost'}`;
}

/** Host pages may embed the widget when listed in ALLOWED_ORIGINS; Parley's own pages always may. */
export function isAllowedOrigin(
  origin: string | undefined,
  own: string,
  allowed: readonly string[],
): boolean {
  if (!origin) return true; // not a browser (server-to-server clients, curl): no ambient credentials to abuse
  return origin === own || allowed.includes(origin);
}
