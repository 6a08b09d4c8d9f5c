import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, request, startTestServer } from '../support/server.ts';

/** A message left while nobody could chat is its own state: not a place in the live queue. */
describe('offline messages', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  async function leaveMessage(text: string, email?: string) {
    const { token } = await server.newVisitor();
    const socket = server.visitorSocket(token);
    await connected(socket);
    const ack = await request(socket, 'conversation:start', {
      clientId: `offline-${Math.random().toString(36).slice(2)}`,
      text,
      ...(email ? { email } : {}),
    });
    if (!ack.ok) throw new Error(ack.error.message);
    return { socket, conversation: ack.data.conversation };
  }

  it('with nobody online, a message with an email is an offline message: no queue place, no wait clock', async () => {
    const { conversation } = await leaveMessage('Please call me back about order 1042', 'ada@example.com');
    expect(conversation.status).toBe('offline');
    expect(conversation.queuePosition).toBeNull();
    expect(conversation.waitEstimateSeconds).toBeNull();
    // The live queue does not count it: routing still says nobody is waiting.
    expect((await server.services.routing.availability()).waiting).toBe(0);
  });

  it('an agent sees it in the inbox as offline, takes it, and answers it like any chat', async () => {
    const { conversation } = await leaveMessage('Do you ship to Norway?', 'bo@example.com');
    const { socket: agent } = await server.agent('Grace');
    const inbox = await request(agent, 'inbox:list', {});
    const listed = inbox.ok ? inbox.data.conversations.find((c) => c.id === conversation.id) : undefined;
    expect(listed).toMatchObject({ status: 'offline', waitingSince: null, queuePosition: null });
    const claimed = await request(agent, 'conversation:claim', { conversationId: conversation.id });
    expect(claimed.ok).toBe(true);
    const reply = await request(agent, 'message:send', {
      conversationId: conversation.id,
      clientId: 'offline-reply-01',
      text: 'Yes, in 3 to 5 days.',
    });
    expect(reply.ok).toBe(true);
  });

  it('while an agent is online, the same start joins the live queue as before', async () => {
    const { conversation } = await leaveMessage('Is anyone there?', 'cy@example.com');
    expect(conversation.status).toBe('waiting');
    expect(conversation.queuePosition).toBe(1);
    // Visitors about to write see who is there.
    expect((await server.services.routing.availability()).team).toEqual([{ name: 'Grace', avatar: null }]);
  });
});
