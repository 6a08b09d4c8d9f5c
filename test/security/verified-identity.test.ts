import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, request, startTestServer } from '../support/server.ts';

// Finding 1: a visitor who once proved an address must not carry the "verified" mark over to another one.
const SECRET = 'identity-secret-for-tests';
const hmac = (email: string) => createHmac('sha256', SECRET).update(email).digest('hex');

describe('a verified identity belongs to the address that was proved', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ compose: { identitySecret: SECRET } });
  });
  afterAll(async () => {
    await server.close();
  });

  async function identifiedVisitor(email: string) {
    const { token } = await server.newVisitor();
    const socket = server.visitorSocket(token);
    await connected(socket);
    const ok = await request(socket, 'visitor:identify', {
      name: 'Ada',
      email,
      hash: hmac(email),
    });
    expect(ok.ok && ok.data.verified).toBe(true);
    return socket;
  }

  async function agentSees(conversationId: string) {
    const { socket } = await server.agent('Checker');
    const detail = await request(socket, 'conversation:open', { conversationId });
    if (!detail.ok) throw new Error(detail.error.message);
    return detail.data;
  }

  it('drops the mark when a conversation starts with another email', async () => {
    const socket = await identifiedVisitor('ada@example.com');
    const started = await request(socket, 'conversation:start', {
      clientId: 'spoof-start-1',
      text: 'Please refund my order',
      email: 'ceo@victim.example',
    });
    if (!started.ok) throw new Error(started.error.message);
    const seen = await agentSees(started.data.conversation.id);
    expect(seen.visitor.email).toBe('ceo@victim.example');
    expect(seen.visitor.verified).toBe(false);
    expect(seen.conversation.visitor.verified).toBe(false);
  });

  it('drops the mark when the name changes at the start of a conversation', async () => {
    const socket = await identifiedVisitor('bea@example.com');
    const started = await request(socket, 'conversation:start', {
      clientId: 'spoof-start-2',
      text: 'Hello',
      name: 'The CEO',
    });
    if (!started.ok) throw new Error(started.error.message);
    expect((await agentSees(started.data.conversation.id)).visitor.verified).toBe(false);
  });

  it('drops the mark when identify changes the email without a new hash', async () => {
    const socket = await identifiedVisitor('cy@example.com');
    const changed = await request(socket, 'visitor:identify', {
      email: 'boss@victim.example',
    });
    expect(changed.ok && changed.data.verified).toBe(false);
  });

  it('keeps the mark when the start repeats the proved identity, and when a new valid hash comes along', async () => {
    const socket = await identifiedVisitor('dee@example.com');
    const started = await request(socket, 'conversation:start', {
      clientId: 'same-start-1',
      text: 'Hello again',
      email: 'DEE@example.com',
      name: 'Ada',
    });
    if (!started.ok) throw new Error(started.error.message);
    expect((await agentSees(started.data.conversation.id)).visitor.verified).toBe(true);
    const again = await request(socket, 'visitor:identify', {
      email: 'eve@example.com',
      hash: hmac('eve@example.com'),
    });
    expect(again.ok && again.data.verified).toBe(true);
  });
});
