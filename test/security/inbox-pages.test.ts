import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestUnchecked } from '../support/request.ts';
import { startTestServer } from '../support/server.ts';

// Finding 4: the inbox comes in pages, so a long queue never becomes one huge answer.
type Page = { ok: boolean; data?: { conversations: Array<{ id: string }>; next?: string | null } };

describe('inbox:list in pages', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('pages through every open conversation with limit and the next cursor, each once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push((await server.visitorWithConversation(`Question ${i}`)).conversation.id);
    const { socket } = await server.agent('Pager');
    // Unchecked: some of these pages ask for more than the command allows.
    const list = async (input: unknown): Promise<Page> => requestUnchecked(socket, 'inbox:list', input);

    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: Page = await list({ limit: 3, ...(after ? { after } : {}) });
      expect(page.ok).toBe(true);
      expect(page.data?.conversations.length).toBeLessThanOrEqual(3);
      seen.push(...(page.data?.conversations.map((c) => c.id) ?? []));
      after = page.data?.next ?? null;
      if (!after) break;
    }
    expect(seen.sort()).toEqual([...ids].sort());

    const tooMany = await list({ limit: 100_000 });
    expect(tooMany.ok).toBe(false);
    const all = await list({});
    expect(all.ok && all.data?.conversations.length).toBe(7);
  });
});
