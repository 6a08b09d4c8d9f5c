import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../server/lib/clock.ts';
import { request, startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('the widget hears how soon the team usually answers, from the measured first responses', () => {
  let server: Server;
  const clock = fakeClock(new Date());
  beforeAll(async () => {
    server = await startTestServer({ compose: { clock } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('gives no figure before five answered chats, then the median first response', async () => {
    const { socket: agent, row } = await server.agent('Nadia');
    await server.services.agents.setStatus(row.id, 'online');
    for (let i = 0; i < 5; i += 1) {
      const v = await server.visitorWithConversation(`Question number ${i}`);
      await request(agent, 'conversation:claim', { conversationId: v.conversation.id });
      await request(agent, 'message:send', {
        conversationId: v.conversation.id,
        clientId: `typical-reply-${i}`,
        text: 'Here to help',
      });
      await request(agent, 'conversation:close', { conversationId: v.conversation.id });
    }
    // Before the roll-up has seen them, no figure is given.
    expect(
      (await (await fetch(`${server.url}/api/visitor/availability`)).json()).typicalReplySeconds,
    ).toBeNull();
    // Each node's roll-up pass (every minute) brings the figures up to date; the answer is kept five minutes.
    await server.services.reports.rollUp.refresh();
    clock.advance(5 * 60_000 + 1);
    const availability = await (await fetch(`${server.url}/api/visitor/availability`)).json();
    expect(availability.typicalReplySeconds).toBeTypeOf('number');
    expect(availability.typicalReplySeconds).toBeLessThan(60);
  });
});
