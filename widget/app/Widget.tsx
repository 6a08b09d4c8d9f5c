import { useEffect, useRef, useState } from 'preact/hooks';
import type { AvailabilityDTO } from '../../server/protocol/dto.ts';
import { useStore } from '../ui/store.ts';
import { ArticleScreen } from './ArticleScreen.tsx';
import { ChatSlot } from './ChatSlot.tsx';
import { useDeps } from './deps.ts';
import { Header } from './Header.tsx';
import { Home } from './Home.tsx';
import { TalkButton } from './TalkButton.tsx';

/** The panel: header, the current screen, and the way to a person. */
export function Widget({
  greeting,
  lang = 'en',
  dir,
}: {
  greeting: string;
  lang?: string;
  dir: 'ltr' | 'rtl';
}) {
  const deps = useDeps();
  const { t, shell, launcher } = deps;
  const state = useStore(shell);
  const panel = useRef<HTMLDivElement>(null);
  const [team, setTeam] = useState<AvailabilityDTO | null>(null);

  // Who is there to answer, asked each time the panel opens (the chat shows the same people in its own words).
  useEffect(() => {
    if (!state.open || !deps.availability) return;
    let live = true;
    deps.availability().then(
      (a) => live && setTeam(a),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [state.open]);

  // Focus moves into the panel when it opens, or when the screen changes.
  useEffect(() => {
    if (state.open) panel.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [state.open, state.view]);

  // When the focused control disappears (a sent form, a closed screen) focus falls to <body>; Escape must still
  // close the open panel then. Keys the host page's own fields receive are never taken.
  useEffect(() => {
    if (!state.open) return;
    const onKey = (e: KeyboardEvent) => {
      const lost = !document.activeElement || document.activeElement === document.body;
      if (e.key !== 'Escape' || !lost) return;
      shell.set({ open: false });
      launcher?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [state.open]);

  if (!state.open) return null;

  const close = () => {
    shell.set({ open: false });
    launcher?.focus();
  };
  const openArticle = (slug: string) => shell.set({ view: 'article', slug });
  const back =
    state.view === 'home'
      ? undefined
      : state.view === 'article' && state.returnTo === 'chat'
        ? () => shell.set({ view: 'chat', slug: null, returnTo: null })
        : () => shell.set({ view: 'home', slug: null, returnTo: null });
  const title = state.view === 'chat' ? t.chat.title : t.title;

  return (
    <div
      class="panel"
      role="dialog"
      aria-labelledby="parley-title"
      lang={lang}
      dir={dir}
      ref={panel}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <Header
        title={title}
        onBack={back}
        onClose={close}
        availability={state.view === 'chat' ? null : team}
      />
      <div class="body">
        {state.view === 'home' && <Home greeting={greeting} query={state.query} onOpen={openArticle} />}
        {state.view === 'article' && state.slug && <ArticleScreen slug={state.slug} onOpen={openArticle} />}
        {state.view === 'chat' && <ChatSlot />}
      </div>
      {state.view !== 'chat' && (
        <footer class="footer">
          <TalkButton variant="primary" />
        </footer>
      )}
    </div>
  );
}
