import { createHmac } from 'node:crypto';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import { requestUnchecked } from '../support/request.ts';
import { connected, startTestServer, type VisitorSocket } from '../support/server.ts';
import { errorCode, raw } from './support/http.ts';

/**
 * The attacks that already fail, kept failing: one visitor reaching another's conversation (IDOR), requests
 * from another origin riding an agent's cookie (CSRF), forged identity hashes, oversize and malformed frames.
 */
const SECRET = 'holds-identity-secret';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ compose: { identitySecret: SECRET } });
});
afterAll(async () => {
  await server.close();
});

/** An attacker's command: the payloads are well formed but name what is not theirs, or carry forged proof. */
const ask = async (
  socket: VisitorSocket,
  event:
    | 'message:send'
    | 'message:read'
    | 'message:delivered'
    | 'conversation:close'
    | 'conversation:rate'
    | 'conversation:sync'
    | 'visitor:identify',
  payload: unknown,
) => {
  const ack = await requestUnchecked(socket, event, payload);
  return ack.ok ? { ok: true as const, data: ack.data as unknown, error: undefined } : ack;
};

describe('IDOR: one visitor never reaches another visitor’s conversation', () => {
  it('answers not_found to every command on someone else’s conversation, and leaks nothing', async () => {
    const victim = await server.visitorWithConversation('My card ends in 4242');
    const attacker = await server.visitorWithConversation('Hello');
    const overheard: unknown[] = [];
    attacker.socket.onAny((_event, payload) => overheard.push(payload));
    const id = victim.conversation.id;
    for (const [event, payload] of [
      ['message:send', { conversationId: id, clientId: 'idor-send-1', text: 'hijack' }],
      ['message:read', { conversationId: id, seq: 1 }],
      ['message:delivered', { conversationId: id, seq: 1 }],
      ['conversation:close', { conversationId: id }],
      ['conversation:rate', { conversationId: id, rating: 1 }],
    ] as const) {
      const ack = await ask(attacker.socket, event, payload);
      expect(ack.ok, event).toBe(false);
      expect(ack.error?.code, event).toBe('not_found');
    }
    const sync = await ask(attacker.socket, 'conversation:sync', { since: { [id]: 0 } });
    expect(JSON.stringify(sync)).not.toContain('4242');
    expect(JSON.stringify(overheard)).not.toContain('4242');
  });
});

describe('CSRF: another origin cannot act with an agent’s cookie', () => {
  it('refuses state-changing requests and the console socket from another origin', async () => {
    const admin = await server.agent('Admin', 'admin');
    for (const [method, path, body] of [
      ['POST', '/api/console/agents', { email: 'evil@example.com', name: 'Evil', role: 'admin' }],
      ['POST', '/api/console/invites', { email: 'evil@example.com', name: 'Evil', role: 'admin' }],
      ['PUT', '/api/admin/settings', {}],
      ['POST', '/api/auth/logout', {}],
      ['POST', '/api/console/password', { currentPassword: 'x', newPassword: 'y' }],
    ] as const) {
      const r = await raw(
        server.url,
        method,
        path,
        { origin: 'https://evil.example', cookie: admin.cookie, 'content-type': 'text/plain' },
        JSON.stringify(body),
      );
      expect(r.status, path).toBe(403);
      expect(errorCode(r), path).toBe('origin_not_allowed');
    }
    const socket = connect(`${server.url}/agent`, {
      auth: { protocol: PROTOCOL_VERSION },
      extraHeaders: { cookie: admin.cookie, origin: 'https://evil.example' },
      transports: ['polling'],
      forceNew: true,
      reconnection: false,
    });
    const refused = await new Promise<unknown>((resolve) => {
      socket.once('connect_error', (e) => resolve(e));
      socket.once('connect', () => resolve('connected'));
    });
    expect(refused).not.toBe('connected');
    socket.close();
  });
});

describe('identity hashes', () => {
  it('verifies only an HMAC of the same email with the server’s secret', async () => {
    const socket = server.visitorSocket((await server.newVisitor()).token);
    await connected(socket);
    const email = 'ada@example.com';
    const forged = [
      createHmac('sha256', 'another secret').update(email).digest('hex'),
      createHmac('sha256', SECRET).update('eve@example.com').digest('hex'),
      createHmac('sha1', SECRET).update(email).digest('hex').padEnd(64, '0'),
      '0'.repeat(64),
      createHmac('sha256', SECRET).update(email).digest('hex').toUpperCase().slice(0, 63),
    ];
    for (const hash of forged) {
      const ack = await ask(socket, 'visitor:identify', { email, hash });
      if (ack.ok) expect((ack.data as { verified: boolean }).verified, hash).toBe(false);
      else expect(ack.error?.code).toBe('validation_failed');
    }
    const real = await ask(socket, 'visitor:identify', {
      email,
      hash: createHmac('sha256', SECRET).update(email).digest('hex'),
    });
    expect(real.ok && (real.data as { verified: boolean }).verified).toBe(true);
  });
});

describe('oversize and malformed frames', () => {
  it('cuts a socket that sends more than the payload limit; others carry on and /healthz stays green', async () => {
    const big = server.visitorSocket((await server.newVisitor()).token);
    await connected(big);
    const other = await server.visitorWithConversation('Still here?');
    const cut = new Promise<string>((resolve) => big.once('disconnect', (reason) => resolve(reason)));
    (big as unknown as { emit(e: string, p: unknown): void }).emit('message:send', {
      conversationId: 'x',
      clientId: 'big-frame-1',
      text: 'x'.repeat(200_000),
    });
    expect(await cut).toMatch(/transport/);
    expect((await ask(other.socket, 'conversation:sync', {})).ok).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('answers malformed and oversized HTTP bodies with JSON errors', async () => {
    const bad = await raw(
      server.url,
      'POST',
      '/api/visitor/session',
      { 'content-type': 'application/json' },
      '{"context": ',
    );
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('bad_request');
    const huge = await raw(
      server.url,
      'POST',
      '/api/visitor/session',
      { 'content-type': 'application/json' },
      JSON.stringify({ context: { title: 'x'.repeat(200_000) } }),
    );
    expect(huge.status).toBe(413);
    expect(errorCode(huge)).toBe('payload_too_large');
  });

  it.each(['2/visitor,["message:send",', '299999999999', '\u0000\u0001', '2/visitor,{}', '9'])(
    'cuts a socket that sends the raw frame %j, and keeps serving',
    async (frame) => {
      const s = server.visitorSocket((await server.newVisitor()).token);
      await connected(s);
      const cut = new Promise<string>((resolve) => s.once('disconnect', (reason) => resolve(reason)));
      // Engine.IO message packets carrying a Socket.IO packet that is not one.
      (s.io.engine as unknown as { send(data: string): void }).send(frame);
      expect(await cut).toMatch(/transport|server/);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    },
  );
});
