import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import type { MessageDTO } from '../../../server/protocol/dto.ts';
import { Transcript } from '../../../widget/console/conversation/Transcript.tsx';
import { message, NOW } from './fakes.ts';

const noop = () => {};
const lines = (messages: MessageDTO[]) => {
  render(
    <Transcript messages={messages} pending={[]} typing={null} now={NOW} onRetry={noop} onDiscard={noop} />,
  );
  return within(screen.getByRole('list', { name: 'Messages' }))
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.msg-text')?.textContent);
};

describe('system lines in the console', () => {
  it('words a line from its kind in the console’s English, whatever wording was stored with it', () => {
    expect(
      lines([
        message({
          seq: 1,
          author: 'system',
          text: 'Zoë se ha unido a la conversación',
          system: { kind: 'agent-joined', agentName: 'Zoë' },
        }),
      ]),
    ).toEqual(['Zoë joined the conversation']);
  });

  it('shows a line stored before kinds existed, or of an unknown kind, as its text', () => {
    expect(
      lines([
        message({ seq: 1, author: 'system', text: 'Ada joined the conversation' }),
        message({
          seq: 2,
          author: 'system',
          text: 'Ada moved the conversation',
          system: { kind: 'agent-moved' } as never,
        }),
      ]),
    ).toEqual(['Ada joined the conversation', 'Ada moved the conversation']);
  });
});
