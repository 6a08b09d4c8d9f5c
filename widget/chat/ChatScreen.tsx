import { useEffect, useRef } from 'preact/hooks';
import type { ChatMessages } from '../app/i18n/index.ts';
import { Composer } from './Composer.tsx';
import { MessageList } from './MessageList.tsx';
import { StatusBanner } from './StatusBanner.tsx';
import type { ConversationStore } from './store.ts';
import { useConversation } from './use-conversation.ts';

/** The conversation with a person: status, transcript, message box. */
export function ChatScreen({ store, t }: { store: ConversationStore; t: ChatMessages }) {
  const state = useConversation(store);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    root.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    store.setVisible(true);
    return () => store.setVisible(false);
  }, [store]);

  return (
    <div class="chat" ref={root}>
      <StatusBanner state={state} t={t} />
      <MessageList state={state} t={t} />
      {state.pending.some((p) => p.failed) && (
        <button type="button" class="btn btn-secondary chat-retry" onClick={() => store.retry()}>
          {t.retryNow}
        </button>
      )}
      <Composer t={t} onSend={(text) => store.send(text)} />
    </div>
  );
}
