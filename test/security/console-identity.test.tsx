import { render, screen, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { MessageItem } from '../../widget/console/conversation/MessageItem.tsx';
import { ConversationItem } from '../../widget/console/inbox/ConversationItem.tsx';
import { VisitorPanel } from '../../widget/console/visitor/VisitorPanel.tsx';
import { conversation, message, minutesAgo, NOW, visitor } from '../components/console/fakes.ts';

// Finding 1 (the console side): an address nobody proved is marked so, as plainly as a proved one.
// Finding 8: a visitor's name cannot turn the text around it with bidi overrides.
const RLO = '\u202E';

function panel(v: ReturnType<typeof visitor>) {
  render(
    <VisitorPanel
      visitor={v}
      trail={[]}
      previous={[]}
      escalatedAt={minutesAgo(5)}
      now={NOW}
      onOpen={() => {}}
    />,
  );
  return screen.getByRole('complementary');
}

describe('what the console shows of who the visitor is', () => {
  it('marks an address the website did not prove as unverified', () => {
    const p = panel(visitor({ email: 'ceo@victim.example', verified: false }));
    expect(within(p).getByText('ceo@victim.example')).toBeTruthy();
    expect(within(p).getByText('Unverified')).toBeTruthy();
    expect(within(p).queryByText('Verified')).toBeNull();
  });

  it('marks a proved address as verified, and never both', () => {
    const p = panel(visitor({ email: 'grace@example.com', verified: true }));
    expect(within(p).getByText('Verified')).toBeTruthy();
    expect(within(p).queryByText('Unverified')).toBeNull();
  });

  it('isolates a name and an address carrying bidi overrides wherever they show', () => {
    const name = `${RLO}moc.knab@ycnegru`;
    const p = panel(visitor({ name, email: `a${RLO}b@example.com`, verified: false }));
    expect(within(p).getByText(name).tagName).toBe('BDI');
    expect(within(p).getByText(`a${RLO}b@example.com`).tagName).toBe('BDI');

    render(
      <ul>
        <ConversationItem
          conversation={conversation({ visitor: { id: 'v9', name, email: null, verified: false } })}
          selected={false}
          now={NOW}
          onSelect={() => {}}
        />
      </ul>,
    );
    expect(screen.getAllByText(name).every((el) => el.closest('bdi'))).toBe(true);

    render(
      <ul>
        <MessageItem message={message({ seq: 1, authorName: name })} now={NOW} />
      </ul>,
    );
    expect(screen.getAllByText(name).every((el) => el.closest('bdi'))).toBe(true);
  });
});
