import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type WorkspaceSettings } from '../../server/domain/settings.ts';
import type { VisitorConversationDTO } from '../../server/protocol/dto.ts';
import { connected, nextEvent, request, startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('routing: the queue, automatic assignment and availability', () => {
  let server: Server;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const configure = (routing: Partial<WorkspaceSettings['routing']>) =>
    server.services.settings.update({
      ...DEFAULT_SETTINGS,
      routing: { ...DEFAULT_SETTINGS.routing, ...routing },
    });

  async function startConversation(text: string) {
    const s = server.visitorSocket((await server.newVisitor()).token);
    await connected(s);
    const ack = await request(s, 'conversation:start', {
      clientId: `route-${Math.random().toString(36).slice(2)}`,
      text,
    });
    if (!ack.ok) throw new Error(ack.error.message);
    return { socket: s, id: ack.data.conversation.id };
  }

  const availability = async () => (await fetch(`${server.url}/api/visitor/availability`)).json();

  it('offers the message-and-email form when no agent is online', async () => {
    expect(await availability()).toMatchObject({
      agentsOnline: 0,
      accepting: false,
      waitEstimateSeconds: null,
    });
    await server.agent('Online');
    await expect.poll(availability).toMatchObject({ agentsOnline: 1, accepting: true });
  });

  it('stops accepting new visitors into the queue beyond the queue limit', async () => {
    await configure({ queueLimit: 2 });
    await server.agent('Busy');
    await startConversation('one');
    expect((await availability()).accepting).toBe(true);
    await startConversation('two');
    expect(await availability()).toMatchObject({ waiting: 2, accepting: false });
  });

  it('tells each waiting visitor their place in the queue, and moves them up live', async () => {
    const first = await startConversation('first');
    const second = await startConversation('second');
    const { socket: agent } = await server.agent('Mover');
    const moved = nextEvent<VisitorConversationDTO>(
      second.socket,
      'conversation:updated',
      (c) => c.queuePosition === 1,
    );
    await request(agent, 'conversation:claim', { conversationId: first.id });
    expect((await moved).status).toBe('waiting');
  });

  it('gives new conversations to the least busy online agent in automatic mode', async () => {
    await configure({ mode: 'auto' });
    const ada = await server.agent('Ada');
    const bob = await server.agent('Bob');
    const first = await startConversation('first');
    await expect.poll(async () => (await server.store.conversations.byId(first.id))?.agentId).toBeTruthy();
    const firstAgent = (await server.store.conversations.byId(first.id))?.agentId;
    const second = await startConversation('second');
    await expect.poll(async () => (await server.store.conversations.byId(second.id))?.agentId).toBeTruthy();
    const secondAgent = (await server.store.conversations.byId(second.id))?.agentId;
    expect(new Set([firstAgent, secondAgent])).toEqual(new Set([ada.row.id, bob.row.id]));
  });

  it("returns a disconnected agent's conversations to the queue after the grace period", async () => {
    await configure({ agentGraceSeconds: 0 });
    const { socket: agent } = await server.agent('Leaver');
    const { socket: visitor, id } = await startConversation('stay with me');
    await request(agent, 'conversation:claim', { conversationId: id });
    const backInQueue = nextEvent<VisitorConversationDTO>(
      visitor,
      'conversation:updated',
      (c) => c.status === 'waiting',
    );
    agent.disconnect();
    expect((await backInQueue).queuePosition).toBe(1);
    const { socket: other } = await server.agent('Other');
    const list = await request(other, 'inbox:list', {});
    expect(list.ok && list.data.conversations.find((c) => c.id === id)?.status).toBe('waiting');
  });
});
