import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../server/lib/clock.ts';
import { readCookie, SESSION_COOKIE } from '../../server/realtime/cookies.ts';
import { connected, request, startTestServer } from '../support/server.ts';
import { capturingLogger } from './support/logs.ts';

// Finding 3: ending a session ends its live feed at once. Finding 8: a command on an ended session is
// answered `unauthorized`, not `internal`, and is no error in the log.

/** Resolves when the server cuts the socket (its reason), rejects if it is still connected after `ms`. */
function cut(socket: Socket, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (socket.disconnected) return resolve('already');
    const t = setTimeout(() => reject(new Error('the socket is still connected')), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(t);
      resolve(reason);
    });
  });
}

const post = (url: string, cookie: string, body?: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

describe('ending a session cuts its sockets', () => {
  const clock = fakeClock(new Date());
  const { logger } = capturingLogger();
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ compose: { clock }, app: { logger, sessionSweepMs: 50 } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('sign-out disconnects that session’s console at once, and only that session’s', async () => {
    const { socket, cookie, email } = await server.agent('Leaver');
    const other = await server.signIn(email, 'correct horse battery');
    const otherSocket = server.agentSocket(other);
    await connected(otherSocket);
    const gone = cut(socket);
    expect((await post(`${server.url}/api/auth/logout`, cookie)).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
    expect(otherSocket.connected).toBe(true);
    expect((await request(otherSocket, 'inbox:list', {})).ok).toBe(true);
  });

  it('an expired session’s console is cut without it sending anything', async () => {
    const { socket } = await server.agent('Expiring');
    const gone = cut(socket);
    clock.advance(8 * 24 * 3600 * 1000);
    expect(await gone).toBe('io server disconnect');
  });

  it('a password change cuts the other sessions, a reset and a disable cut them all', async () => {
    const admin = await server.agent('Admin', 'admin');
    const { socket, cookie, email, row } = await server.agent('Changer');
    const second = server.agentSocket(await server.signIn(email, 'correct horse battery'));
    await connected(second);
    const secondGone = cut(second);
    const changed = await post(`${server.url}/api/console/password`, cookie, {
      currentPassword: 'correct horse battery',
      newPassword: 'a brand new passphrase 42',
    });
    expect(changed.status).toBe(204);
    await secondGone;
    expect(socket.connected).toBe(true);

    const gone = cut(socket);
    expect((await post(`${server.url}/api/console/agents/${row.id}/password`, admin.cookie)).status).toBe(
      200,
    );
    await gone;

    const { socket: third, row: thirdRow } = await server.agent('Disabled');
    const thirdGone = cut(third);
    const disabled = await fetch(`${server.url}/api/console/agents/${thirdRow.id}`, {
      method: 'PATCH',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(disabled.status).toBe(200);
    await thirdGone;
  });
});

describe('a command on a session that ended', () => {
  const { logger, lines } = capturingLogger();
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    // The sweep (every 30 s here) would cut the socket first: the command itself must find the session gone.
    server = await startTestServer({ app: { logger } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('is answered unauthorized, and logged as no error', async () => {
    const { socket, cookie } = await server.agent('Stale');
    // The session ends behind the socket's back (as on another node before the cut arrives).
    await server.services.agents.signOut(readCookie(cookie, SESSION_COOKIE));
    const before = lines.length;
    const ack = await request(socket, 'inbox:list', {});
    expect(!ack.ok && ack.error.code).toBe('unauthorized');
    expect(lines.slice(before).filter((l) => l.level >= 50)).toEqual([]);
  });
});
