import { act, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../../server/protocol/dto.ts';
import type { AgentConversationDetail } from '../../../server/protocol/events.ts';
import { Transcript } from '../../../widget/console/conversation/Transcript.tsx';
import { DepsContext } from '../../../widget/console/deps.ts';
import { App } from '../../../widget/console/shell/App.tsx';
import { agent, conversation, deps, fakeApi, fakeConnection, message, NOW, visitor } from './fakes.ts';

const me = agent();
const noop = () => {};

describe('transcript', () => {
  it('shows message text literally: an HTML payload stays text', () => {
    const evil = '<img src=x onerror="alert(1)"><b>bold</b>';
    const { container } = render(
      <Transcript
        messages={[message({ seq: 1, text: evil })]}
        pending={[]}
        typing={null}
        now={NOW}
        onRetry={noop}
        onDiscard={noop}
      />,
    );
    expect(screen.getByText(evil)).toBeTruthy();
    expect(container.querySelector('img, b')).toBeNull();
  });

  it('marks internal notes, visitor, agent and system messages distinctly', () => {
    const messages: MessageDTO[] = [
      message({ seq: 1, author: 'visitor', authorName: 'Grace', text: 'Hi' }),
      message({ seq: 2, author: 'system', text: 'Ada joined' }),
      message({ seq: 3, author: 'note', authorName: 'Ada', text: 'VIP customer' }),
      message({ seq: 4, author: 'agent', authorName: 'Ada', text: 'Hello Grace' }),
    ];
    render(
      <Transcript messages={messages} pending={[]} typing={null} now={NOW} onRetry={noop} onDiscard={noop} />,
    );
    const items = within(screen.getByRole('list', { name: 'Messages' })).getAllByRole('listitem');
    expect(items.map((li) => li.className)).toEqual([
      'msg msg-visitor',
      'msg msg-system',
      'msg msg-note',
      'msg msg-agent',
    ]);
    expect(items[2]?.textContent).toContain('Internal note · Ada');
  });
});

const open = conversation({ id: 'c-open', preview: 'Parcel is late', queuePosition: 1 });
const detail = (over: Partial<AgentConversationDetail> = {}): AgentConversationDetail => ({
  conversation: open,
  // Deliberately out of order: the view must sort by seq.
  messages: [message({ seq: 2, text: 'second' }), message({ seq: 1, text: 'first' })],
  visitor: visitor(),
  trail: [],
  previous: [],
  ...over,
});

async function openConversation(handlers: Parameters<typeof fakeConnection>[0] = {}) {
  const link = fakeConnection({
    'inbox:list': () => ({ conversations: [open], me, agents: [me, agent({ id: 'a2', name: 'Bob' })] }),
    'conversation:open': () => detail(),
    'message:read': () => null,
    'typing:set': () => null,
    ...handlers,
  });
  const user = userEvent.setup();
  render(
    <DepsContext.Provider value={deps({ api: fakeApi({ me: async () => me }), connect: () => link.conn })}>
      <App />
    </DepsContext.Provider>,
  );
  await user.click(await screen.findByRole('button', { name: /Parcel is late/ }));
  await screen.findByRole('button', { name: 'Claim' });
  return { link, user };
}

describe('conversation view', () => {
  it('shows the transcript in seq order and adds live messages', async () => {
    const { link } = await openConversation();
    const texts = () =>
      within(screen.getByRole('list', { name: 'Messages' }))
        .getAllByRole('listitem')
        .map((li) => li.querySelector('.msg-text')?.textContent);
    expect(texts()).toEqual(['first', 'second']);
    link.emit('message:created', message({ seq: 3, text: 'third' }));
    await waitFor(() => expect(texts()).toEqual(['first', 'second', 'third']));
    link.emit('message:created', message({ seq: 3, text: 'third' }));
    expect(texts()).toHaveLength(3);
  });

  it('fills a gap below its own acknowledged reply with conversation:open, and shows the lost message in its place', async () => {
    // The server has the visitor's seq 3; its fact never reached this console (lost between nodes).
    let stored = [message({ seq: 1, text: 'first' }), message({ seq: 2, text: 'second' })];
    const { link, user } = await openConversation({
      'conversation:open': () =>
        detail({ messages: stored, conversation: { ...open, lastSeq: stored.length } }),
      'message:send': (input) => {
        const m = message({
          seq: stored.length + 1,
          author: 'agent',
          clientId: input.clientId,
          text: input.text,
        });
        stored = [...stored, m];
        return { message: m };
      },
    });
    stored = [...stored, message({ seq: 3, text: 'lost on its way' })];
    const opens = () => link.requests.filter((r) => r.event === 'conversation:open').length;
    const before = opens();
    await user.type(screen.getByRole('textbox', { name: 'Reply' }), 'On it{Enter}');
    await waitFor(() => expect(opens()).toBe(before + 1));
    const texts = () =>
      within(screen.getByRole('list', { name: 'Messages' }))
        .getAllByRole('listitem')
        .map((li) => li.querySelector('.msg-text')?.textContent);
    await waitFor(() => expect(texts()).toEqual(['first', 'second', 'lost on its way', 'On it']));
  });

  it("follows the visitor to another page while their conversation is open, and ignores other visitors'", async () => {
    const { link } = await openConversation();
    const v = visitor();
    const page = { url: 'https://shop.example/returns', title: 'Returns', at: new Date(NOW).toISOString() };
    act(() => link.emit('visitor:updated', { ...v, id: 'someone-else', pages: [page] }));
    expect(screen.queryByRole('link', { name: 'Returns' })).toBeNull();
    act(() =>
      link.emit('visitor:updated', {
        ...v,
        context: { ...v.context, url: page.url, title: 'Returns' },
        pages: [page],
      }),
    );
    const pages = await screen.findByRole('list', { name: 'Pages seen, newest first' });
    expect(within(pages).getByRole('link', { name: 'Returns' }).getAttribute('href')).toBe(page.url);
    expect(screen.getByRole('link', { name: page.url })).toBeTruthy();
  });

  it('claims a waiting conversation, then offers Close, then Reopen', async () => {
    const { user, link } = await openConversation({
      'conversation:claim': () => ({
        conversation: {
          ...open,
          status: 'assigned',
          agent: { id: me.id, name: me.name },
          updatedAt: new Date(NOW).toISOString(),
        },
      }),
      'conversation:close': () => ({
        conversation: { ...open, status: 'closed', updatedAt: new Date(NOW + 1000).toISOString() },
      }),
    });
    await user.click(screen.getByRole('button', { name: 'Claim' }));
    await screen.findByText('· with you');
    expect(screen.queryByRole('button', { name: 'Claim' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(await screen.findByRole('button', { name: 'Reopen' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Reply' })).toHaveProperty('disabled', true);
    expect(link.requests.map((r) => r.event)).toContain('conversation:close');
  });

  it('keeps a reply pending until acknowledged, and retries with the same client id', async () => {
    let attempt = 0;
    let release: () => void = noop;
    const { user, link } = await openConversation({
      'message:send': (input) => {
        attempt += 1;
        if (attempt === 1) throw new Error('The server did not answer in time.');
        return new Promise((resolve) => {
          release = () =>
            resolve({
              message: message({ seq: 3, author: 'agent', clientId: input.clientId, text: input.text }),
            });
        });
      },
    });
    await user.type(screen.getByRole('textbox', { name: 'Reply' }), 'On its way{Enter}');
    expect(await screen.findByText('Not sent')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Sending…')).toBeTruthy();
    release();
    await waitFor(() => expect(screen.queryByText('Sending…')).toBeNull());
    expect(screen.getByText('On its way')).toBeTruthy();
    const sends = link.requests
      .filter((r) => r.event === 'message:send')
      .map((r) => r.input as { clientId: string });
    expect(sends).toHaveLength(2);
    expect(sends[0]?.clientId).toBe(sends[1]?.clientId);
  });
});
