// The widget app's entry (`<base>widget/app.js`), loaded by the loader with import() on the visitor's intent.
import { render } from 'preact';
import type { AvailabilityDTO } from '../../server/protocol/dto.ts';
import { setAvatarBase } from '../chat/agent-avatar.tsx';
import type { ChatHandle } from '../chat/main.ts';
import type { EmbedHost, WidgetApp } from '../loader/contract.ts';
import { readJson, type StoredVisitor, storageKey, writeJson } from '../ui/storage.ts';
import { createStore } from '../ui/store.ts';
import { createKbApi, getJson } from './api.ts';
import css from './app.css?inline';
import { type AppDeps, DepsContext } from './deps.ts';
import { createEventReporter } from './events.ts';
import { dirFor, languageOf, loadMessages, type Messages } from './i18n/index.ts';
import { initialShell } from './shell.ts';
import { createTrail } from './trail.ts';
import { Widget } from './Widget.tsx';

export function mount(host: EmbedHost): WidgetApp {
  host.adoptStyles(css);
  const { base, config } = host;
  const shell = createStore(initialShell());
  const trail = createTrail(storageKey(base, 'trail'));
  const openKey = storageKey(base, 'open');
  let chat: Promise<ChatHandle> | null = null;
  let handle: ChatHandle | null = null;
  // The unread count can arrive before the visitor's language table: its words follow once the table is here.
  let words: Messages | null = null;
  let unread = 0;
  const setUnread = (n: number) => {
    unread = n;
    host.setUnread(n, n && words ? words.unread(n) : '');
  };

  const events = createEventReporter(base);
  setAvatarBase(base);
  // One answer serves the header for a few seconds; a failure is not kept. The chat asks afresh (`fresh`) when
  // a visitor turns to a person: someone may have come online since the header asked.
  let asked: { at: number; answer: Promise<AvailabilityDTO> } | null = null;
  const availability = (fresh = false): Promise<AvailabilityDTO> => {
    if (!fresh && asked && Date.now() - asked.at < 10_000) return asked.answer;
    const answer = getJson<AvailabilityDTO>(fetch, `${base}api/visitor/availability`);
    const mine = { at: Date.now(), answer };
    asked = mine;
    answer.catch(() => {
      if (asked === mine) asked = null;
    });
    return answer;
  };
  const chatLoader = (): Promise<ChatHandle> => {
    chat ||= import('../chat/main.ts').then((m) => {
      handle = m.createChat({
        base,
        locale: config.locale,
        trail: () => trail.list(),
        identity: () => host.identity(),
        availability: () => availability(true),
        outboxKey: storageKey(base, 'outbox'),
        onEscalated: (conversationId) => {
          host.emit('escalated', { conversationId });
          events.chat(conversationId);
        },
        onMessage: (msg) =>
          host.emit('message', {
            conversationId: msg.conversationId,
            // A system line reaches the host page in the words the panel shows it in.
            text: (words && m.systemText(msg, words.chat)) ?? msg.text,
            authorName: msg.authorName,
          }),
        onUnread: setUnread,
        adoptStyles: (c) => host.adoptStyles(c),
      });
      return handle;
    });
    chat.catch((e) => {
      chat = null;
      host.log('chat failed to load', e);
    });
    return chat;
  };

  let wasOpen = false;
  let seenView = '';
  shell.subscribe((s) => {
    if (s.view === 'chat' && !chat) chatLoader().catch(() => {});
    // The reports' funnel: an article opened, or the way to a person taken (once per change of screen).
    const view = `${s.view}:${s.slug ?? ''}`;
    if (s.open && view !== seenView) {
      if (s.view === 'article' && s.slug) events.view(s.slug);
      else if (s.view === 'chat') events.ask();
    }
    if (s.open) seenView = view;
    if (s.open === wasOpen) return;
    wasOpen = s.open;
    host.setOpen(s.open);
    writeJson(openKey, s.open || null, 'sessionStorage'); // reopen after navigation, for this visit only
    // Closed by the API or Escape while focus was inside: give focus back to the launcher, not to <body>.
    if (!s.open && host.root.activeElement && host.root.activeElement !== host.launcher)
      host.launcher.focus();
  });

  // Back on a new page with a conversation: show the chat, and reopen if the panel was open.
  const visitorKey = storageKey(base);
  if (readJson<StoredVisitor>(visitorKey)?.conversationId) {
    shell.set({ view: 'chat', open: !!readJson<boolean>(openKey, 'sessionStorage') });
  }
  // A conversation started in another tab: the chat comes here too, so its replies reach this launcher. An open
  // panel stays on the visitor's screen; a closed one opens on the chat next time, as after a reload.
  window.addEventListener('storage', (e) => {
    if (e.key !== visitorKey || chat || !readJson<StoredVisitor>(visitorKey)?.conversationId) return;
    if (shell.get().open) chatLoader().catch(() => {});
    else shell.set({ view: 'chat' });
  });

  // English is in this chunk; another language is a small chunk of its own. The shell takes commands meanwhile.
  loadMessages(config.locale)
    .then((t) => {
      words = t;
      if (unread) setUnread(unread);
      const deps: AppDeps = {
        kb: createKbApi(base, undefined, config.locale),
        t,
        trail,
        shell,
        events,
        pageUrl: location.href,
        base,
        locale: config.locale,
        launcher: host.launcher,
        identity: () => host.identity(),
        setOpen: (open) => shell.set({ open }),
        setUnread,
        emit: host.emit,
        chat: chatLoader,
        availability,
      };
      render(
        <DepsContext.Provider value={deps}>
          <Widget
            greeting={config.greeting || t.greeting}
            lang={languageOf(config.locale)}
            dir={dirFor(config.locale)}
          />
        </DepsContext.Provider>,
        host.container,
      );
    })
    .catch((e) => host.log(e));

  return {
    open: () => shell.set({ open: true }),
    close: () => shell.set({ open: false }),
    toggle: () => shell.set({ open: !shell.get().open }),
    search: (query) => shell.set({ open: true, view: 'home', query: query.slice(0, 200), slug: null }),
    identify: (who) => handle?.store.identify(who),
  };
}
