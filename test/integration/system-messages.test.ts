import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../server/protocol/dto.ts';
import { databaseTargets } from '../support/database.ts';
import { nextEvent, request, startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

for (const { name, target } of databaseTargets()) {
  describe(`system messages say what happened as a kind and its details (${name})`, () => {
    let server: Server;
    beforeAll(async () => {
      server = await startTestServer({ database: target() });
    });
    afterAll(async () => {
      await server.close();
    });

    const visitorWithConversation = () => server.visitorWithConversation('¿Dónde está mi pedido?');

    it('tells the visitor and the console who joined, live, after a resync and on opening', async () => {
      const { socket: visitor, conversation } = await visitorWithConversation();
      const live = nextEvent<MessageDTO>(visitor, 'message:created', (m) => m.author === 'system');
      const { socket: agent } = await server.agent('Zoë Ø’Brien');
      await request(agent, 'conversation:claim', { conversationId: conversation.id });
      const expected = {
        author: 'system',
        text: 'Zoë Ø’Brien joined the conversation',
        system: { kind: 'agent-joined', agentName: 'Zoë Ø’Brien' },
      };
      expect(await live).toMatchObject(expected);

      const sync = await request(visitor, 'conversation:sync', {
        since: { [conversation.id]: 0 },
      });
      expect(sync.ok && sync.data.messages.filter((m) => m.author === 'system')).toEqual([
        expect.objectContaining(expected),
      ]);
      const opened = await request(agent, 'conversation:open', {
        conversationId: conversation.id,
      });
      expect(opened.ok && opened.data.messages.filter((m) => m.author === 'system')).toEqual([
        expect.objectContaining(expected),
      ]);
    });

    it('sends a system message stored before kinds existed as its text alone', async () => {
      const { socket: visitor, conversation } = await visitorWithConversation();
      await server.store.messages.append({
        id: `old-${conversation.id}`,
        conversationId: conversation.id,
        clientId: null,
        author: 'system',
        authorId: null,
        authorName: 'Ada',
        text: 'Ada joined the conversation',
        createdAt: new Date().toISOString(),
      });
      const sync = await request(visitor, 'conversation:sync', {
        since: { [conversation.id]: 0 },
      });
      const old = sync.ok ? sync.data.messages.find((m) => m.author === 'system') : undefined;
      expect(old).toMatchObject({ text: 'Ada joined the conversation' });
      expect(old).not.toHaveProperty('system');
    });
  });
}
