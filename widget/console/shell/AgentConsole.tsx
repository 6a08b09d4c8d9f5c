import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AgentConversationDTO, AgentDTO } from '../../../server/protocol/dto.ts';
import type { ComposerTools } from '../composer/Composer.tsx';
import type { Drafts } from '../composer/drafts.ts';
import { ConversationView } from '../conversation/ConversationView.tsx';
import { useConversation } from '../conversation/use-conversation.ts';
import { useDeps } from '../deps.ts';
import { Inbox } from '../inbox/Inbox.tsx';
import { groupInbox, InboxView, isUnread } from '../inbox/inbox-views.ts';
import { useInbox } from '../inbox/use-inbox.ts';
import { useWaitTarget } from '../inbox/use-wait-target.ts';
import { AlertSettings } from '../notifications/AlertSettings.tsx';
import { beep, notify } from '../notifications/alerts.ts';
import { type AlertSinks, useAlerts } from '../notifications/use-alerts.ts';
import { colleaguesText, useColleagues } from '../use-colleagues.ts';
import { useNow } from '../use-now.ts';
import { usePreferences } from '../use-preferences.ts';
import { VisitorPanel } from '../visitor/VisitorPanel.tsx';
import { Header } from './Header.tsx';
import { LazyScreen } from './LazyScreen.tsx';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { type Screen, screensFor } from './screens.ts';
import { useDocumentTitle } from './use-document-title.ts';
import { useShortcuts } from './use-shortcuts.ts';

interface Props {
  agent: AgentDTO;
  drafts: Drafts;
  onSignOut: () => void;
  onExpired: () => void;
  /** False while the session is gone; when it comes back, the realtime link reconnects. */
  live?: boolean;
  /** Where alerts go; tests pass spies. */
  sinks?: AlertSinks;
}

const realSinks: AlertSinks = { beep, notify };

/** The console of someone who answers visitors: one realtime link, the three columns, alerts and shortcuts. */
export function AgentConsole({ agent, drafts, onSignOut, onExpired, live = true, sinks = realSinks }: Props) {
  const deps = useDeps();
  const [conn] = useState(() => deps.connect());
  useEffect(() => () => conn.close(), [conn]);
  const wasLive = useRef(live);
  useEffect(() => {
    // Back from an ended session: the server refused this link, so it must be opened again.
    if (live && !wasLive.current) conn.reconnect();
    wasLive.current = live;
  }, [conn, live]);
  const now = useNow(deps.now);
  const inbox = useInbox(conn, onExpired);
  const [screen, setScreen] = useState<Screen>('inbox');
  const [view, setView] = useState<InboxView>(InboxView.waiting);
  // Reports drill down with links to #inbox/report?… (the inbox shows the conversations behind the count)
  // and #inbox/closed or #inbox/open (that list); #reports goes back to the Reports screen.
  useEffect(() => {
    const onHash = () => {
      if (location.hash.startsWith('#inbox/report?')) return setScreen('inbox');
      if (location.hash === '#reports') {
        setScreen('reports');
        return history.replaceState(null, '', location.pathname + location.search);
      }
      const m = /^#inbox\/(closed|open)$/.exec(location.hash);
      if (!m) return;
      setScreen('inbox');
      setView(m[1] === 'closed' ? InboxView.closed : InboxView.open);
      history.replaceState(null, '', location.pathname + location.search);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const [selected, setSelected] = useState<string | null>(null);
  const [visitorOpen, setVisitorOpen] = useState(false);
  const [overlay, setOverlay] = useState<'help' | 'alerts' | null>(null);
  const { waitTarget, setWaitTarget } = useWaitTarget();
  const prefs = usePreferences();
  const { dispatch } = inbox;
  const onChanged = useCallback(
    (c: AgentConversationDTO) => dispatch({ type: 'conversation', conversation: c }),
    [dispatch],
  );
  const conv = useConversation(conn, selected, inbox.link, onChanged);
  const me = inbox.state.me ?? agent;
  const viewing = screen === 'inbox' ? selected : null;
  const colleagues = useColleagues(conn, viewing, me.id, inbox.link);

  const conversations = useMemo(() => Object.values(inbox.state.conversations), [inbox.state.conversations]);
  const groups = useMemo(() => groupInbox(conversations, me.id), [conversations, me.id]);
  const inUse = groups.mine.filter((c) => c.status === 'assigned').length;
  useDocumentTitle(groups.waiting.length + groups.mine.filter(isUnread).length);

  const select = useCallback((id: string) => {
    setScreen('inbox');
    setSelected(id);
    setVisitorOpen(false);
  }, []);

  useAlerts({
    conn,
    meId: me.id,
    prefs: prefs.prefs,
    conversations: inbox.state.conversations,
    selectedId: viewing,
    sinks,
    onOpen: select,
  });

  useEffect(() => {
    if (!visitorOpen) return;
    // The drawer (tablet layout) takes focus, so keyboard and screen-reader users land in it.
    document.getElementById('visitor-title')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setVisitorOpen(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [visitorOpen]);

  const detail = conv.detail;
  useShortcuts({
    next: () => {
      const first = groups.waiting[0];
      if (!first) return;
      setView(InboxView.waiting);
      select(first.id);
    },
    claim: () => {
      if (detail?.conversation.status === 'waiting') void conv.command('conversation:claim');
    },
    close: () => {
      if (detail && detail.conversation.status !== 'closed') void conv.command('conversation:close');
    },
    reply: () => document.getElementById('composer-text')?.focus(),
    help: () => setOverlay('help'),
  });

  const onTyping = useCallback(
    (typing: boolean) => {
      if (!selected) return;
      conn.request('typing:set', { conversationId: selected, typing }).catch(() => {
        // Typing is a courtesy; never bother the agent about it.
      });
    },
    [conn, selected],
  );
  const tools = useMemo<ComposerTools>(
    () => ({ savedReplies: deps.api.savedReplies, kbSearch: deps.api.kbSearch, origin: location.origin }),
    [deps.api],
  );
  const closeOverlay = useCallback(() => setOverlay(null), []);

  return (
    <div class="console">
      <a class="skip-link" href="#main">
        Skip to conversation
      </a>
      <Header
        me={me}
        link={inbox.link}
        onStatus={inbox.setStatus}
        onSignOut={onSignOut}
        screens={screensFor(me.role)}
        screen={screen}
        onScreen={setScreen}
        inUse={inUse}
        onAlerts={() => setOverlay('alerts')}
        onHelp={() => setOverlay('help')}
      />
      {inbox.error && (
        <p class="banner-error" role="alert">
          {inbox.error}
        </p>
      )}
      {screen !== 'inbox' ? (
        <main id="main" class="page-main" tabIndex={-1}>
          <LazyScreen
            screen={screen}
            me={me}
            onExpired={onExpired}
            onSettingsSaved={(s) => setWaitTarget(s.routing.waitTargetSeconds)}
            live={conn}
          />
        </main>
      ) : (
        <div class={`layout ${selected ? 'has-selection' : ''} ${visitorOpen ? 'is-visitor-open' : ''}`}>
          <Inbox
            conversations={conversations}
            meId={me.id}
            view={view}
            onView={setView}
            selectedId={selected}
            onSelect={select}
            now={now}
            loaded={inbox.state.loaded}
            waitTargetSeconds={waitTarget}
            searchConversations={(q) => deps.api.searchConversations(q, 'closed')}
          />
          <main id="main" class="main" tabIndex={-1}>
            {!selected ? (
              <div class="placeholder">
                <h2>No conversation selected</h2>
                <p>
                  Pick a conversation from the inbox. Waiting visitors are listed in the order they asked.
                </p>
                <p class="muted">
                  Press <kbd>n</kbd> for the next waiting visitor, <kbd>?</kbd> for all shortcuts.
                </p>
              </div>
            ) : detail ? (
              <ConversationView
                detail={detail}
                pending={conv.outbox.pending}
                typing={conv.typing}
                meId={me.id}
                agents={inbox.state.agents}
                now={now}
                draft={drafts.get(detail.conversation.id)}
                onDraft={(text) => drafts.set(detail.conversation.id, text)}
                onSend={conv.outbox.send}
                onTyping={onTyping}
                onRetry={conv.outbox.retry}
                onDiscard={conv.outbox.discard}
                onCommand={conv.command}
                onTransfer={conv.transfer}
                onBack={() => setSelected(null)}
                onShowVisitor={() => setVisitorOpen(true)}
                onErased={() => setSelected(null)}
                colleagues={colleaguesText(colleagues.others, colleagues.typing)}
                tools={tools}
              />
            ) : (
              <p class="placeholder" role={conv.error ? 'alert' : 'status'}>
                {conv.error ?? 'Loading the conversation…'}
              </p>
            )}
          </main>
          {detail && (
            <VisitorPanel
              visitor={detail.visitor}
              trail={detail.trail}
              previous={detail.previous}
              escalatedAt={detail.conversation.createdAt}
              now={now}
              onOpen={select}
              onClose={() => setVisitorOpen(false)}
            />
          )}
        </div>
      )}
      {overlay === 'help' && <ShortcutsHelp onClose={closeOverlay} />}
      {overlay === 'alerts' && (
        <AlertSettings
          prefs={prefs.prefs}
          onChange={prefs.save}
          onClose={closeOverlay}
          onTestSound={sinks.beep}
          error={prefs.error}
          email={me.email}
        />
      )}
    </div>
  );
}
