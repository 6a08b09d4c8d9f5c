import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import { request } from '../support/request.ts';
import { connected, startTestServer, type VisitorSocket } from '../support/server.ts';

// Finding 4: one address cannot open conversations without end, however many visitor tokens it holds.
// Finding 8: anonymous self-service events cannot fill the content-gaps report with any text.
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

let n = 0;
/** A visitor token issued to its own address, and a socket from `from` (as a proxy on loopback reports it). */
async function visitorFrom(from: string): Promise<VisitorSocket> {
  n += 1;
  const res = await fetch(`${server.url}/api/visitor/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.77.${n >> 8}.${n & 255}` },
    body: '{}',
  });
  const { token } = (await res.json()) as { token: string };
  const socket = connect(`${server.url}/visitor`, {
    auth: { token, protocol: PROTOCOL_VERSION },
    extraHeaders: { 'x-forwarded-for': from },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await connected(socket);
  return socket;
}

describe('conversation starts per address', () => {
  it('refuses a burst of starts from one address with rate_limited, and serves another address', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 40; i++) {
      const socket = await visitorFrom('192.0.2.77');
      const ack = await request(socket, 'conversation:start', {
        clientId: `flood-${i}-xxxxxxxx`,
        text: 'Spam',
        email: `spam${i}@example.com`,
      });
      codes.push(ack.ok ? 'ok' : ack.error.code);
      socket.disconnect();
    }
    expect(codes.filter((c) => c === 'ok').length).toBeLessThanOrEqual(30);
    expect(codes.slice(30).every((c) => c === 'rate_limited')).toBe(true);

    const other = await visitorFrom('198.51.100.3');
    const ack = await request(other, 'conversation:start', {
      clientId: 'other-address-1',
      text: 'A real question',
      email: 'real@example.com',
    });
    expect(ack.ok).toBe(true);
    other.disconnect();
  });
});

describe('anonymous self-service events', () => {
  const post = (from: string, events: unknown[]) =>
    fetch(`${server.url}/api/visitor/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ events }),
    });

  it('keeps a few distinct searches per address a day, so one address cannot write the report', async () => {
    const searches = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => ({
        kind: 'search',
        query: `buy cheap pills ${from + i}`,
        resultCount: 0,
      }));
    expect((await post('203.0.113.66', searches(0, 15))).status).toBe(204);
    expect((await post('203.0.113.66', searches(15, 30))).status).toBe(204);
    const gaps = await server.services.selfService.contentGaps(1);
    const junk = gaps.unanswered.filter((u) => JSON.stringify(u).includes('buy cheap pills'));
    expect(junk.length).toBeLessThanOrEqual(20);
    expect(junk.length).toBeGreaterThan(0);
  });

  it('slows down one address that posts event batches in a burst', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push(
        (await post('203.0.113.67', [{ kind: 'search', query: 'refund', resultCount: 1 }])).status,
      );
    }
    expect(statuses).toContain(429);
    expect(statuses.slice(0, 10).every((s) => s === 204)).toBe(true);
  });
});
