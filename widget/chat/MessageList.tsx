import { useEffect, useRef } from 'preact/hooks';
import type { ChatMessages } from '../app/i18n/index.ts';
import { MessageItem } from './MessageItem.tsx';
import type { ChatState } from './store.ts';

/** The transcript; a polite live region, so new replies are announced. Scrolls to the newest. */
export function MessageList({ state, t }: { state: ChatState; t: ChatMessages }) {
  const end = useRef<HTMLLIElement>(null);
  const count = state.messages.length + state.pending.length;
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [count]);
  return (
    <div class="messages" role="log" aria-live="polite" aria-label={t.title}>
      <ol class="list">
        {state.messages.map((m) => (
          <MessageItem key={m.id} message={m} t={t} />
        ))}
        {state.pending.map((p) => (
          <MessageItem key={p.clientId} pending={p} t={t} />
        ))}
        <li ref={end} aria-hidden="true" />
      </ol>
    </div>
  );
}
