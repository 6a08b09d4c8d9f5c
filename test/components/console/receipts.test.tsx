import { act, render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { Transcript } from '../../../widget/console/conversation/Transcript.tsx';
import { useInbox } from '../../../widget/console/inbox/use-inbox.ts';
import type { AgentConnection } from '../../../widget/console/socket.ts';
import { agent, conversation, fakeConnection, message, NOW } from './fakes.ts';

describe('reply receipts in the transcript', () => {
  it("shows each reply as Sent, Delivered once the visitor's widget has it, or Seen once read", () => {
    const messages = [
      message({ seq: 1, text: 'My parcel is late' }),
      message({ seq: 2, author: 'agent', authorName: 'Ada', text: 'Looking now' }),
      message({ seq: 3, author: 'agent', authorName: 'Ada', text: 'It ships today' }),
      message({ seq: 4, author: 'agent', authorName: 'Ada', text: 'Anything else?' }),
    ];
    render(
      <Transcript
        messages={messages}
        pending={[]}
        typing={null}
        now={NOW}
        onRetry={() => {}}
        onDiscard={() => {}}
        visitorReadSeq={2}
        visitorDeliveredSeq={3}
      />,
    );
    const items = within(screen.getByRole('list', { name: 'Messages' })).getAllByRole('listitem');
    const state = (i: number) => items[i]?.querySelector('.msg-state')?.textContent ?? null;
    expect([state(0), state(1), state(2), state(3)]).toEqual([null, 'Seen', 'Delivered', 'Sent']);
  });
});

describe('delivery reports from the console', () => {
  function Harness({ conn }: { conn: AgentConnection }) {
    const { state } = useInbox(conn, () => {});
    return <p>{state.loaded ? 'loaded' : 'loading'}</p>;
  }

  it("reports a visitor's message as delivered for conversations that are mine or waiting, not a colleague's", async () => {
    const me = agent();
    const list = [
      conversation({ id: 'w1' }),
      conversation({
        id: 'm1',
        status: 'assigned',
        agent: { id: me.id, name: me.name },
        queuePosition: null,
      }),
      conversation({ id: 'o1', status: 'assigned', agent: { id: 'a2', name: 'Bob' }, queuePosition: null }),
    ];
    const link = fakeConnection({
      'inbox:list': () => ({ conversations: list, me, agents: [me] }),
      'message:delivered': () => null,
    });
    render(<Harness conn={link.conn} />);
    await screen.findByText('loaded');
    for (const id of ['w1', 'm1', 'o1'])
      act(() => link.emit('message:created', message({ seq: 2, conversationId: id, author: 'visitor' })));
    act(() => link.emit('message:created', message({ seq: 3, conversationId: 'm1', author: 'agent' })));
    const reported = link.requests.filter((r) => r.event === 'message:delivered').map((r) => r.input);
    expect(reported).toEqual([
      { conversationId: 'w1', seq: 2 },
      { conversationId: 'm1', seq: 2 },
    ]);
  });
});
