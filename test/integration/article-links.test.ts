import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../server/protocol/dto.ts';
import { startKbServer } from '../support/kb-server.ts';
import { nextEvent, request } from '../support/server.ts';

/** An article inserted into a chat arrives as an article reference, and its URL opens a readable page. */
describe('article links', () => {
  let server: Awaited<ReturnType<typeof startKbServer>>;

  beforeAll(async () => {
    server = await startKbServer({
      'returns/_category.md': '---\ntitle: Returns & refunds\n---\n',
      'returns/return-an-item.md':
        '---\ntitle: Return an item <script>alert(1)</script>\ndescription: Send it back within 30 days & get a refund.\ntags: [returns]\nupdated: 2026-11-03\n---\nYou have **30 days**.\n\n## Print a label\n\nSee [refunds](refund-timing.md#how-long).\n\n<img src=x onerror=alert(2)>\n',
      'returns/refund-timing.md':
        '---\ntitle: When your refund arrives\ndescription: Refund times.\ntags: [returns]\n---\nIntro.\n\n## How long\n\nFive days.\n',
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('opens /kb/<slug> as a readable, escaped help-centre page with its own strict policy', async () => {
    const res = await fetch(`${server.url}/kb/returns/return-an-item`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(res.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).toContain('<h1>Return an item &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(html).toContain('Send it back within 30 days &amp; get a refund.');
    expect(html).toContain('<strong>30 days</strong>');
    expect(html).toContain('Updated 3 November 2026');
    expect(html).toContain('href="/kb/returns/refund-timing#how-long"');
    expect(html).toContain('Returns &amp; refunds');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>');
    const css = await fetch(`${server.url}/help/help.css`);
    expect(css.status).toBe(200);
  });

  it('answers an unknown or malformed article URL with a readable 404 page, and lists every article at /help', async () => {
    for (const path of ['/kb/returns/nope', '/kb/..%2F..%2Fetc', '/kb/returns/Return']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('Page not found');
    }
    const index = await (await fetch(`${server.url}/kb`)).text();
    expect(index).toContain('href="/kb/returns/refund-timing"');
  });

  it('delivers an inserted article to the visitor as an article reference, live and on resync', async () => {
    const { socket: visitor, conversation } = await server.visitorWithConversation('Can I send it back?');
    const { socket: agent } = await server.agent('Grace');
    await request(agent, 'conversation:claim', { conversationId: conversation.id });
    const reply = nextEvent<MessageDTO>(visitor, 'message:created', (m) => m.author === 'agent');
    const sent = await request(agent, 'message:send', {
      conversationId: conversation.id,
      clientId: 'article-reply-01',
      text: `This should help: Return an item: ${server.url}/kb/returns/return-an-item`,
      article: { slug: 'returns/return-an-item', title: 'Return an item' },
    });
    expect(sent.ok).toBe(true);
    expect(await reply).toMatchObject({
      article: { slug: 'returns/return-an-item', title: 'Return an item' },
    });
    const sync = await request(visitor, 'conversation:sync', {
      since: { [conversation.id]: 0 },
    });
    const stored = sync.ok ? sync.data.messages.find((m) => m.author === 'agent') : undefined;
    expect(stored?.article).toEqual({ slug: 'returns/return-an-item', title: 'Return an item' });
  });

  it('refuses an article reference that is not a slug, with validation_failed', async () => {
    const { conversation } = await server.visitorWithConversation('Hello');
    const { socket: agent } = await server.agent('Ada');
    const sent = await request(agent, 'message:send', {
      conversationId: conversation.id,
      clientId: 'article-reply-02',
      text: 'Look',
      article: { slug: '../../etc/passwd', title: 'x' },
    });
    expect(sent.ok).toBe(false);
    if (!sent.ok) expect(sent.error.code).toBe('validation_failed');
  });
});
