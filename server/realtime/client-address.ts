import type { IncomingMessage } from 'node:http';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/**
 * The address a socket's client connects from, read as Express reads `req.ip` with `trust proxy` set to
 * loopback: a peer on loopback is a proxy, and the nearest non-loopback X-Forwarded-For entry is the client.
 * Null for the host itself (a loopback peer that forwards nobody: benchmarks, health checks, local tools).
 */
export function clientAddress(req: IncomingMessage): string | null {
  const peer = req.socket.remoteAddress ?? '';
  if (!LOOPBACK.test(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((h) => h.trim());
  return hops.reverse().find((h) => h && !LOOPBACK.test(h)) ?? null;
}
