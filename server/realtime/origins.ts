import type { IncomingMessage } from 'node:http';

/**
 * A Host header that no DNS rebinding can produce: `localhost` (and `*.localhost`) or an IP address, with an
 * optional port. Any other name is the client's word only.
 */
export function isTrustedHost(host: string): boolean {
  return /^(localhost|[a-z0-9-]+\.localhost|\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])(:\d{1,5})?$/i.test(host);
}

/** Never equal to a browser's Origin header. */
const NO_ORIGIN = 'untrusted-host:';

/**
 * The origin Parley itself is served from, as the browser sees it: PUBLIC_URL's; without it, the Host
 * header's only when that is a loopback name or an IP address (a page on a rebound domain name sends its
 * own name as Host, and must not count as Parley's own page).
 */
export function ownOrigin(req: IncomingMessage, publicUrl: string | undefined): string {
  if (publicUrl) return new URL(publicUrl).origin;
  const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  const host = req.headers.host ?? 'localhost';
  return isTrustedHost(host) ? `${proto}://${host}` : NO_ORIGIN;
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
