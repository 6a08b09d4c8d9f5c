import { act, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../../server/protocol/dto.ts';
import { ar } from '../../../widget/app/i18n/ar.ts';
import { de } from '../../../widget/app/i18n/de.ts';
import type { Messages } from '../../../widget/app/i18n/en.ts';
import { es } from '../../../widget/app/i18n/es.ts';
import { ChatScreen } from '../../../widget/chat/ChatScreen.tsx';
import { createConversationStore } from '../../../widget/chat/store.ts';
import { RequestError } from '../../../widget/ui/realtime-link.ts';
import { conv, FakeConnection, fakeSession, msg } from './fakes.tsx';

/** The chat of a visitor already talking to an agent, in `messages`' language and direction. */
async function chatIn(messages: Messages, dir: 'ltr' | 'rtl', transcript: MessageDTO[]) {
  const conn = new FakeConnection();
  const store = createConversationStore({
    session: fakeSession({ visitorId: 'v1', token: 't', conversationId: 'c1' }),
    connect: () => conn,
    context: () => ({ url: 'https://shop.test/cart' }),
    trail: () => [],
    identity: () => null,
  });
  render(
    <div dir={dir}>
      <ChatScreen store={store} t={messages.chat} />
    </div>,
  );
  await act(async () => conn.setState('connected'));
  await waitFor(() => expect(conn.next('conversation:sync')).toBeTruthy());
  await act(async () =>
    conn.answer('conversation:sync', {
      conversations: [
        conv({ status: 'assigned', agent: { id: 'a1', name: 'Zoë Brown' }, queuePosition: null, lastSeq: 3 }),
      ],
      messages: transcript,
    }),
  );
  return conn;
}

const question = msg({ id: 'm1', seq: 1, text: 'My order never came' });
const joined = (agentName: string, seq = 2) =>
  msg({
    id: `m${seq}`,
    seq,
    author: 'system',
    authorName: agentName,
    text: `${agentName} joined the conversation`,
    system: { kind: 'agent-joined', agentName },
  });
/** The transcript's system lines, as the visitor sees them. */
const systemLines = () =>
  [...document.querySelectorAll('.msg-system .msg-text')].map((p) => ({
    text: p.textContent,
    dir: p.closest('[dir]')?.getAttribute('dir'),
  }));

describe('system lines in the visitor’s language', () => {
  it.each([
    ['Spanish', es, 'ltr', 'Zoë Brown se ha unido a la conversación'],
    ['German', de, 'ltr', 'Zoë Brown ist der Unterhaltung beigetreten'],
    // The Latin name keeps its own order inside the Arabic sentence (a bidi isolate), read right to left.
    ['Arabic', ar, 'rtl', 'انضم \u2068Zoë Brown\u2069 إلى المحادثة'],
  ] as const)('says who joined in %s', async (_, messages, dir, line) => {
    await chatIn(messages, dir, [question, joined('Zoë Brown')]);
    expect(systemLines()).toEqual([{ text: line, dir }]);
    expect(screen.queryByText(/joined the conversation/)).toBeNull();
  });

  it('keeps a Spanish line left to right even when the agent’s name is in Arabic', async () => {
    await chatIn(es, 'ltr', [question, joined('سارة')]);
    expect(systemLines()).toEqual([{ text: 'سارة se ha unido a la conversación', dir: 'ltr' }]);
  });

  it('shows a line stored before kinds existed, or of a kind it does not know, as its text in its own direction', async () => {
    await chatIn(ar, 'rtl', [
      question,
      msg({ id: 'm2', seq: 2, author: 'system', authorName: 'Ada', text: 'Ada joined the conversation' }),
      msg({
        id: 'm3',
        seq: 3,
        author: 'system',
        text: 'Ada moved the conversation',
        system: { kind: 'agent-moved', agentName: 'Ada' } as never,
      }),
      msg({
        id: 'm4',
        seq: 4,
        author: 'system',
        text: 'Bea joined the conversation',
        system: { kind: 'agent-joined', agentName: 42 } as never,
      }),
    ]);
    expect(systemLines()).toEqual([
      { text: 'Ada joined the conversation', dir: 'auto' },
      { text: 'Ada moved the conversation', dir: 'auto' },
      { text: 'Bea joined the conversation', dir: 'auto' },
    ]);
  });
});

describe('errors from the server in the visitor’s language', () => {
  it.each([
    ['rate_limited', 'Demasiado a la vez. Espera un momento.'],
    ['internal', 'Algo salió mal. Inténtalo de nuevo.'],
    ['conflict', 'Algo salió mal. Inténtalo de nuevo.'],
  ] as const)('words %s from its code, never from the server’s English message', async (code, shown) => {
    const conn = await chatIn(es, 'ltr', [question, joined('Zoë Brown')]);
    await userEvent.click(screen.getByRole('button', { name: 'Terminar chat' }));
    const confirm = screen.getByRole('group', { name: '¿Terminar este chat?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Terminar chat' }));
    await waitFor(() => expect(conn.next('conversation:close')).toBeTruthy());
    await act(async () =>
      conn.next('conversation:close')?.reject(new RequestError(code, 'Please slow down')),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(shown);
    expect(screen.queryByText(/slow down/)).toBeNull();
  });
});
