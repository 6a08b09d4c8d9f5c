import { useEffect, useState } from 'preact/hooks';
import type { ChatHandle } from '../chat/main.ts';
import { useDeps } from './deps.ts';

/** Loads the chat chunk on first use and renders its view; the conversation store outlives this component. */
export function ChatSlot() {
  const { t, chat, shell, base } = useDeps();
  const [handle, setHandle] = useState<ChatHandle | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setFailed(false);
    chat().then(
      (h) => live && setHandle(h),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [chat, attempt]);

  if (handle) {
    const { ChatScreen, store } = handle;
    // An article an agent sent opens inline, like links inside articles do; Back returns to the chat.
    const articles = {
      url: (slug: string) => `${base.replace(/\/+$/, '')}/kb/${slug}`,
      open: (slug: string) => shell.set({ view: 'article', slug, returnTo: 'chat' }),
    };
    return <ChatScreen store={store} t={t.chat} articles={articles} />;
  }
  if (failed)
    return (
      <div class="notice" role="alert">
        <p>{t.chat.loadError}</p>
        <button type="button" class="btn btn-secondary" onClick={() => setAttempt((n) => n + 1)}>
          {t.retry}
        </button>
      </div>
    );
  return (
    <p class="notice" role="status">
      {t.chat.loading}
    </p>
  );
}
