import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../server/lib/clock.ts';
import { request, startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

// The server reads time only from the clock compose.ts is given: a test steps it instead of waiting.
describe('one clock for the whole server', () => {
  let server: Server;
  const clock = fakeClock();
  beforeAll(async () => {
    server = await startTestServer({ compose: { clock } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('reopens a closed conversation within a day of the close and refuses after, by the server clock', async () => {
    const { socket: visitor, conversation } = await server.visitorWithConversation('Is this still open?');
    const { socket: agent } = await server.agent('Closer');
    const conversationId = conversation.id;
    expect((await request(agent, 'conversation:close', { conversationId })).ok).toBe(true);
    clock.advance(23 * 3600_000);
    const reopened = await request(visitor, 'message:send', {
      conversationId,
      clientId: 'reopen-after-23-h',
      text: 'One more',
    });
    expect(reopened.ok).toBe(true);
    expect((await request(agent, 'conversation:close', { conversationId })).ok).toBe(true);
    clock.advance(24 * 3600_000 + 1000);
    const late = await request(visitor, 'message:send', {
      conversationId,
      clientId: 'reopen-after-24-h',
      text: 'Hello?',
    });
    expect(!late.ok && late.error.code).toBe('conversation_closed');
  });

  it('stamps what it stores with the server clock', async () => {
    const { message } = await server.visitorWithConversation('What time is it?');
    expect(message.createdAt).toBe(clock.now().toISOString());
  });
});
