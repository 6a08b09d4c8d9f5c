import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../server/protocol/dto.ts';
import { connectVisitor, type VisitorConnection } from '../../widget/chat/client.ts';
import type { SessionStore } from '../../widget/chat/session.ts';
import { createConversationStore } from '../../widget/chat/store.ts';
import type { StoredVisitor } from '../../widget/ui/storage.ts';
import { request, startTestServer, until } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** The widget's own link, except that the facts `lose` picks never arrive (a broadcast lost between nodes). */
function lossyLink(
  inner: VisitorConnection,
  lose: (m: MessageDTO) => boolean,
  lost: MessageDTO[],
): VisitorConnection {
  return {
    ...inner,
    on(event, listener) {
      if (event !== 'message:created') return inner.on(event, listener);
      return inner.on('message:created', (m: MessageDTO) => {
        if (lose(m)) lost.push(m);
        else (listener as (m: MessageDTO) => void)(m);
      });
    },
  };
}

describe("the visitor's chat over a link that loses facts", () => {
  let server: Server;
  const stores: Array<{ dispose(): void }> = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const s of stores) s.dispose();
    await server.close();
  });

  /** The widget's conversation store, as the chat chunk builds it, talking to the real server. */
  function widget(lose: (m: MessageDTO) => boolean) {
    let stored: StoredVisitor | null = null;
    const session: SessionStore = {
      get: () => stored,
      async create() {
        stored = await server.newVisitor();
        return stored;
      },
      setConversation(id) {
        if (stored)
          stored = id
            ? { ...stored, conversationId: id }
            : { visitorId: stored.visitorId, token: stored.token };
      },
      clear: () => {
        stored = null;
      },
    };
    const lost: MessageDTO[] = [];
    const store = createConversationStore({
      session,
      connect: (token) => lossyLink(connectVisitor(`${server.url}/`, token), lose, lost),
      context: () => ({ url: 'http://shop.test/checkout' }),
      trail: () => [],
      identity: () => null,
    });
    stores.push(store);
    const texts = () => store.get().messages.map((m) => m.text);
    return { store, lost, texts };
  }

  it('still shows an agent reply whose broadcast never arrived, once the visitor’s next message is acknowledged past it', async () => {
    const { socket: agent } = await server.agent('Ada');
    const { store, lost, texts } = widget((m) => m.author === 'agent' || m.author === 'system');
    store.setVisible(true);
    expect(store.send('Where is my parcel?')).toBe(true);
    await until(() => texts().length === 1 && !store.get().pending.length);
    const id = store.get().conversation!.id;

    expect((await request(agent, 'conversation:claim', { conversationId: id })).ok).toBe(true);
    const reply = await request(agent, 'message:send', {
      conversationId: id,
      clientId: 'reply-lost-broadcast',
      text: 'It left this morning.',
    });
    if (!reply.ok) throw new Error(reply.error.message);
    // Both facts reached the visitor's socket and were lost there: nothing follows that would reveal them.
    await until(() => lost.length === 2);
    expect(texts()).toEqual(['Where is my parcel?']);

    // The visitor writes again; the ack carries seq 4, past the reply (3) and "Ada joined" (2).
    store.send('Thanks!');
    await until(() => texts().length === 4);
    expect(store.get().messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(texts()).toEqual([
      'Where is my parcel?',
      'Ada joined the conversation',
      'It left this morning.',
      'Thanks!',
    ]);
    expect(store.get().transcript.through).toBe(4);
    expect(store.get().pending).toEqual([]);
  });

  it('fills a lost reply as soon as a later reply arrives, and shows both in seq order', async () => {
    const { socket: agent } = await server.agent('Bo');
    let dropNext = false;
    const { store, lost, texts } = widget((m) => {
      if (!dropNext || m.author !== 'agent') return false;
      dropNext = false;
      return true;
    });
    store.send('Is it in stock?');
    await until(() => texts().length === 1 && !store.get().pending.length);
    const id = store.get().conversation!.id;
    expect((await request(agent, 'conversation:claim', { conversationId: id })).ok).toBe(true);
    await until(() => texts().length === 2);

    dropNext = true;
    const send = async (clientId: string, text: string) =>
      expect((await request(agent, 'message:send', { conversationId: id, clientId, text })).ok).toBe(true);
    await send('reply-look', 'Let me look.');
    await until(() => lost.length === 1);
    await send('reply-stock', 'Yes, 4 left.');
    await until(() => texts().length === 4);
    expect(texts().slice(2)).toEqual(['Let me look.', 'Yes, 4 left.']);
  });
});
