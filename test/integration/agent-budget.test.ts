import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../server/lib/clock.ts';
import type { Ack } from '../../server/protocol/errors.ts';
import { request, startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

// The console's command budget, over real sockets, on a fake server clock the test steps.
describe("an agent's console commands", () => {
  let server: Server;
  const clock = fakeClock();
  beforeAll(async () => {
    server = await startTestServer({ compose: { clock } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('never refuses an agent who answers 20 conversations at 20 commands a second', async () => {
    const conversations = [];
    // 20: the queue's default length, and the new sessions one address may open at once.
    for (let i = 0; i < 20; i++)
      conversations.push((await server.visitorWithConversation(`Help ${i}`)).conversation);
    const { socket } = await server.agent('Swift');
    const acks: Array<Ack<unknown>> = [];
    for (const [i, c] of conversations.entries()) {
      const conversationId = c.id;
      acks.push(await request(socket, 'conversation:view', { conversationId }));
      acks.push(await request(socket, 'conversation:open', { conversationId }));
      acks.push(await request(socket, 'conversation:claim', { conversationId }));
      acks.push(await request(socket, 'typing:set', { conversationId, typing: true }));
      for (let k = 0; k < 3; k++) {
        const clientId = `swift-${i}-${k}`;
        acks.push(await request(socket, 'message:send', { conversationId, clientId, text: `Reply ${k}` }));
      }
      acks.push(await request(socket, 'typing:set', { conversationId, typing: false }));
      acks.push(await request(socket, 'message:read', { conversationId, seq: 1 }));
      acks.push(await request(socket, 'conversation:close', { conversationId }));
      // Ten commands in half a second of the server's time: 200 in 10 s, where 10 a second refused 40.
      clock.advance(500);
    }
    expect(acks).toHaveLength(200);
    expect(acks.filter((a) => !a.ok)).toEqual([]);
  });

  it('refuses a runaway console with rate_limited, then serves it again once it slows down', async () => {
    const { socket } = await server.agent('Loop');
    const burst = async (n: number) => {
      const acks = [];
      for (let sent = 0; sent < n; sent += 100) {
        acks.push(
          ...(await Promise.all(
            Array.from({ length: Math.min(100, n - sent) }, () =>
              request(socket, 'conversation:view', { conversationId: null }),
            ),
          )),
        );
      }
      return acks;
    };
    // 700 commands while the server's clock stands still: the first 500 pass, the rest are refused.
    const acks = await burst(700);
    expect(acks.filter((a) => a.ok)).toHaveLength(500);
    const refused = acks.filter((a) => !a.ok);
    expect(refused).toHaveLength(200);
    expect(refused.every((a) => !a.ok && a.error.code === 'rate_limited')).toBe(true);
    // Another agent is not held back by it.
    const { socket: other } = await server.agent('Calm');
    expect((await request(other, 'conversation:view', { conversationId: null })).ok).toBe(true);
    // Two seconds later it has 50 commands again.
    clock.advance(2000);
    const after = await burst(60);
    expect(after.filter((a) => a.ok)).toHaveLength(50);
  });
});
