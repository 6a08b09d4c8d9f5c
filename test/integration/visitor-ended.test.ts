import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestServer } from '../support/server.ts';

describe('a visitor who ends the chat', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('leaves a line in the agent transcript saying they ended it; an agent closing leaves none', async () => {
    const { socket: visitor, conversation } = await server.visitorWithConversation('Thanks, that is all');
    const { socket: agent } = await server.agent('Grace');
    await request(agent, 'conversation:claim', { conversationId: conversation.id });
    expect((await request(visitor, 'conversation:close', { conversationId: conversation.id })).ok).toBe(true);
    const opened = await request(agent, 'conversation:open', {
      conversationId: conversation.id,
    });
    const last = opened.ok ? opened.data.messages.at(-1) : undefined;
    expect(last).toMatchObject({
      author: 'system',
      text: 'The visitor ended the chat',
      system: { kind: 'visitor-ended' },
    });
    expect(opened.ok && opened.data.conversation.status).toBe('closed');

    const other = await server.visitorWithConversation('Another question');
    await request(agent, 'conversation:claim', { conversationId: other.conversation.id });
    await request(agent, 'conversation:close', { conversationId: other.conversation.id });
    const again = await request(agent, 'conversation:open', {
      conversationId: other.conversation.id,
    });
    expect(again.ok && again.data.messages.some((m) => m.system?.kind === 'visitor-ended')).toBe(false);
  });
});
