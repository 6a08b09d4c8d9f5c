import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VisitorClientEvents } from '../../server/protocol/events.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import { connected, request, requestUnchecked, startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

function connectError(
  socket: ReturnType<typeof connect>,
): Promise<{ message: string; data?: { code?: string } }> {
  return new Promise((resolve) => socket.once('connect_error', (e) => resolve(e as never)));
}

describe('what the sockets refuse, and that the server lives on', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('refuses a visitor handshake without a valid token', async () => {
    const s = server.visitorSocket('not-a-real-token-but-long-enough');
    expect((await connectError(s)).data?.code).toBe('unauthorized');
  });

  it('refuses a client speaking another protocol version, loudly', async () => {
    const { token } = await server.newVisitor();
    const s = server.visitorSocket(token, { protocol: PROTOCOL_VERSION + 1 });
    expect((await connectError(s)).data?.code).toBe('protocol_mismatch');
  });

  it('refuses a handshake from a site that may not embed the widget', async () => {
    const { token } = await server.newVisitor();
    const s = connect(`${server.url}/visitor`, {
      auth: { token, protocol: PROTOCOL_VERSION },
      transports: ['polling'],
      extraHeaders: { origin: 'https://evil.test' },
      forceNew: true,
      reconnection: false,
    });
    await connectError(s);
    expect(s.connected).toBe(false);
    s.disconnect();
  });

  it('refuses the agent namespace to a visitor token and to anyone without a session', async () => {
    const { token } = await server.newVisitor();
    const s = connect(`${server.url}/agent`, {
      auth: { token, protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    expect((await connectError(s)).data?.code).toBe('unauthorized');
    s.disconnect();
  });

  it('answers malformed, oversized and hostile payloads with clear codes and keeps serving', async () => {
    const { token } = await server.newVisitor();
    const s = server.visitorSocket(token);
    await connected(s);
    const cases: Array<[keyof VisitorClientEvents, unknown, string]> = [
      ['conversation:start', null, 'validation_failed'],
      ['conversation:start', 'just a string', 'validation_failed'],
      ['conversation:start', { clientId: 'abc', text: '' }, 'validation_failed'],
      ['conversation:start', { clientId: 'valid-client-1', text: 'x'.repeat(4001) }, 'validation_failed'],
      ['conversation:start', { clientId: '../../etc/passwd', text: 'hi' }, 'validation_failed'],
      ['conversation:start', { clientId: 'valid-client-2', text: 'hi', admin: true }, 'validation_failed'],
      ['message:send', { conversationId: 'nope', clientId: 'valid-client-3', text: 'hi' }, 'not_found'],
      ['conversation:rate', { conversationId: 'nope', rating: 9 }, 'validation_failed'],
    ];
    for (const [event, payload, code] of cases) {
      const ack = await requestUnchecked(s, event, payload);
      expect(ack.ok, `${event} ${JSON.stringify(payload)?.slice(0, 40)}`).toBe(false);
      if (!ack.ok) expect(ack.error.code).toBe(code);
    }
    const fine = await request(s, 'conversation:start', {
      clientId: 'valid-client-4',
      text: '<img src=x onerror=alert(1)>',
    });
    expect(fine.ok && fine.data.message.text).toBe('<img src=x onerror=alert(1)>');
  });

  it('lists every validation issue in the error', async () => {
    const { token } = await server.newVisitor();
    const s = server.visitorSocket(token);
    await connected(s);
    const ack = await requestUnchecked(s, 'conversation:start', { clientId: 1, text: 2 });
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.issues?.map((i) => i.path).sort()).toEqual(['clientId', 'text']);
  });

  it("never lets one visitor read or write another visitor's conversation", async () => {
    const alice = server.visitorSocket((await server.newVisitor()).token);
    const mallory = server.visitorSocket((await server.newVisitor()).token);
    await Promise.all([connected(alice), connected(mallory)]);
    const started = await request(alice, 'conversation:start', {
      clientId: 'alice-private-1',
      text: 'my address is secret',
    });
    if (!started.ok) throw new Error('start failed');
    const id = started.data.conversation.id;
    const write = await request(mallory, 'message:send', {
      conversationId: id,
      clientId: 'mallory-0000001',
      text: 'hi',
    });
    expect(!write.ok && write.error.code).toBe('not_found');
    const read = await request(mallory, 'conversation:sync', {
      since: { [id]: 0 },
    });
    expect(read.ok && read.data.messages).toEqual([]);
  });

  it('disconnects a socket that sends a payload over the size limit, and others carry on', async () => {
    const { token } = await server.newVisitor();
    const big = server.visitorSocket(token);
    await connected(big);
    const gone = new Promise((r) => big.once('disconnect', r));
    (big as unknown as { emit(e: string, p: unknown): void }).emit('conversation:start', {
      clientId: 'valid-client-9',
      text: 'x'.repeat(200_000),
    });
    await gone;
    const other = server.visitorSocket((await server.newVisitor()).token);
    await connected(other);
    expect(
      (await request(other, 'conversation:start', { clientId: 'valid-client-10', text: 'still here?' })).ok,
    ).toBe(true);
  });

  it('rate-limits a visitor who floods messages, with a clear code', async () => {
    const s = server.visitorSocket((await server.newVisitor()).token);
    await connected(s);
    const started = await request(s, 'conversation:start', {
      clientId: 'flood-start-01',
      text: 'hi',
    });
    if (!started.ok) throw new Error('start failed');
    const acks = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(s, 'message:send', {
          conversationId: started.data.conversation.id,
          clientId: `flood-${i}-xxxxx`,
          text: `m${i}`,
        }),
      ),
    );
    const limited = acks.filter((a) => !a.ok && a.error.code === 'rate_limited');
    expect(limited.length).toBeGreaterThan(0);
    expect(acks.filter((a) => a.ok).length).toBeGreaterThan(10);
  });
});
