import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ChatMessages } from '../app/i18n/index.ts';
import { Composer } from './Composer.tsx';
import { EmailForm } from './EmailForm.tsx';
import type { ArticleLinks } from './MessageItem.tsx';
import { MessageList } from './MessageList.tsx';
import { OfflineForm } from './OfflineForm.tsx';
import { Rating } from './Rating.tsx';
import { StatusBanner } from './StatusBanner.tsx';
import type { ChatState, ConversationStore } from './store.ts';
import { TranscriptForm } from './TranscriptForm.tsx';
import { useConversation } from './use-conversation.ts';

/** Which part of the chat the visitor needs now. */
export function chatMode(s: ChatState): 'checking' | 'offline' | 'chat' | 'closed' {
  if (s.conversation?.status === 'closed' && !s.pending.length) return 'closed';
  if (s.conversation || s.pending.length) return 'chat';
  if (!s.availabilityChecked) return 'checking';
  return s.availability?.accepting === false ? 'offline' : 'chat';
}

/** The conversation with a person: status, transcript, then the message box, the offline form or the rating. */
export function ChatScreen({
  store,
  t,
  articles,
}: {
  store: ConversationStore;
  t: ChatMessages;
  /** Opens an article an agent sent, inline, and gives its readable URL (for a new tab). */
  articles?: ArticleLinks;
}) {
  const state = useConversation(store);
  const root = useRef<HTMLDivElement>(null);
  const mode = chatMode(state);
  const [ending, setEnding] = useState(false);
  const c = state.conversation;

  // Replies count as read only while the chat is on screen in a tab the visitor is looking at. A layout effect:
  // its cleanup runs as the panel closes (a passive one waits for a frame, and background tabs get none).
  useLayoutEffect(() => {
    const update = () => store.setVisible(document.visibilityState !== 'hidden');
    update();
    document.addEventListener('visibilitychange', update);
    return () => {
      document.removeEventListener('visibilitychange', update);
      store.setVisible(false);
    };
  }, [store]);
  // Focus follows the part that changed (message box, offline form, rating), unless the visitor is elsewhere in the chat.
  useEffect(() => {
    const r = root.current;
    const active =
      r?.getRootNode() instanceof ShadowRoot ? (r.getRootNode() as ShadowRoot).activeElement : null;
    if (!active || !r?.contains(active) || active.tagName === 'BUTTON')
      r?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [mode]);

  // The rating form disappears once sent: keep focus in the panel, on the next useful step.
  const startNew = useRef<HTMLButtonElement>(null);
  const rated = c?.rating != null;
  useEffect(() => {
    if (rated && mode === 'closed') startNew.current?.focus();
  }, [rated, mode]);

  const error =
    state.error === 'rate_limited'
      ? t.rateLimited
      : state.error && state.error !== 'unavailable'
        ? t.error
        : null;

  return (
    <div class="chat" ref={root}>
      {mode !== 'offline' && <StatusBanner state={state} t={t} />}
      {mode === 'offline' ? (
        <OfflineForm t={t} onSend={(text, email, name) => store.leaveMessage(text, email, name)} />
      ) : (
        <MessageList state={state} t={t} onRetry={(id) => store.retry(id)} articles={articles} />
      )}
      {mode === 'chat' && c?.status === 'waiting' && c.waitEstimateSeconds == null && !state.email && (
        <EmailForm t={t} onSave={(email) => store.saveEmail(email)} />
      )}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      {mode === 'closed' && (
        <div class="closed">
          <Rating t={t} rated={c?.rating != null} onRate={(n, comment) => store.rate(n, comment)} />
          {c && <TranscriptForm t={t} conversationId={c.id} email={state.email} />}
          <button
            type="button"
            class="btn btn-secondary btn-block"
            ref={startNew}
            onClick={() => store.startNew()}
          >
            {t.startNew}
          </button>
        </div>
      )}
      {mode === 'chat' && (
        <div class="chat-foot">
          <Composer
            t={t}
            onSend={(text, files) => store.send(text, files)}
            attachTo={c && c.status !== 'closed' ? c.id : undefined}
            draft={store.draft()}
            onDraft={(text) => store.setDraft(text)}
            onTyping={(on) => store.typing(on)}
          />
          {c && c.status !== 'closed' && !ending && (
            <button type="button" class="link-btn end-chat" onClick={() => setEnding(true)}>
              {t.endChat}
            </button>
          )}
          {c && c.status !== 'closed' && ending && (
            // Ending is final for the visitor: one more, deliberate click.
            <fieldset class="end-confirm" aria-label={t.endConfirm}>
              <span>{t.endConfirm}</span>
              <button
                type="button"
                class="btn btn-secondary"
                data-autofocus
                onClick={() => {
                  setEnding(false);
                  void store.close();
                }}
              >
                {t.endChat}
              </button>
              <button type="button" class="link-btn" onClick={() => setEnding(false)}>
                {t.endKeep}
              </button>
            </fieldset>
          )}
        </div>
      )}
    </div>
  );
}
