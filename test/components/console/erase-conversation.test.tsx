import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConversationView } from '../../../widget/console/conversation/ConversationView.tsx';
import { EraseConversation } from '../../../widget/console/conversation/EraseConversation.tsx';
import { agent, conversation, message, NOW, visitor } from './fakes.ts';

describe('erasing a closed conversation from the console', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks once more, Keep it or Escape leaves it alone, Erase for good erases it', async () => {
    const calls: Array<{ url: string; method?: string }> = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      calls.push({ url, method: init?.method });
      return new Response(JSON.stringify({ files: 2 }), { status: 200 });
    });
    const onErased = vi.fn();
    render(<EraseConversation conversationId="c42" onErased={onErased} />);
    const toggle = screen.getByRole('button', { name: 'Erase…' });

    await userEvent.click(toggle);
    expect(screen.getByRole('form', { name: 'Erase this conversation' }).textContent).toContain(
      'cannot be undone',
    );
    // The safe choice has the focus.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Keep it'));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('form')).toBeNull();
    expect(document.activeElement).toBe(toggle);

    await userEvent.click(toggle);
    await userEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('form')).toBeNull();
    expect(calls).toEqual([]);

    await userEvent.click(toggle);
    await userEvent.click(screen.getByRole('button', { name: 'Erase for good' }));
    await waitFor(() => expect(onErased).toHaveBeenCalledTimes(1));
    expect(calls).toEqual([{ url: '/api/admin/conversations/c42', method: 'DELETE' }]);
  });

  it("shows the server's reason when it refuses, and stays", async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(
          JSON.stringify({
            error: { code: 'conflict', message: 'Close the conversation before erasing it' },
          }),
          { status: 409 },
        ),
    );
    const onErased = vi.fn();
    render(<EraseConversation conversationId="c43" onErased={onErased} />);
    await userEvent.click(screen.getByRole('button', { name: 'Erase…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Erase for good' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Close the conversation before erasing it');
    expect(onErased).not.toHaveBeenCalled();
  });
});

describe('who is offered Erase', () => {
  const view = (status: 'closed' | 'assigned', role: 'admin' | 'agent') =>
    render(
      <ConversationView
        detail={{
          conversation: conversation({ id: 'c9', status }),
          messages: [message({ seq: 1, author: 'visitor', text: 'Please delete my data' })],
          visitor: visitor(),
          trail: [],
          previous: [],
        }}
        pending={[]}
        typing={null}
        meId="me"
        agents={[agent({ id: 'me', role })]}
        now={NOW}
        draft=""
        onDraft={() => undefined}
        onSend={() => undefined}
        onRetry={() => undefined}
        onDiscard={() => undefined}
        onCommand={async () => null}
        onTransfer={async () => null}
        onErased={() => undefined}
      />,
    );

  it.each([
    ['an admin on a closed conversation', 'closed', 'admin', true],
    ['an admin on an open one', 'assigned', 'admin', false],
    ['an agent on a closed one', 'closed', 'agent', false],
  ] as const)('%s', (_name, status, role, offered) => {
    view(status, role);
    expect(screen.queryByRole('button', { name: 'Erase…' }) !== null).toBe(offered);
  });
});
