import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AgentConversationDTO, AgentDTO } from '../../server/protocol/dto.ts';
import { ConversationView } from './ConversationView.tsx';
import { useDeps } from './deps.ts';
import type { Drafts } from './drafts.ts';
import { Header } from './Header.tsx';
import { Inbox } from './Inbox.tsx';
import { InboxView } from './inbox-views.ts';
import { useConversation } from './use-conversation.ts';
import { useDocumentTitle } from './use-document-title.ts';
import { useInbox } from './use-inbox.ts';
import { useNow } from './use-now.ts';
import { VisitorPanel } from './VisitorPanel.tsx';

interface Props {
  agent: AgentDTO;
  drafts: Drafts;
  onSignOut: () => void;
  /** The server stopped accepting the session. */
  onExpired: () => void;
}

/** The signed-in console: one realtime link, the three columns, and the page title. */
export function Workspace({ agent, drafts, onSignOut, onExpired }: Props) {
  const deps = useDeps();
  const [conn] = useState(() => deps.connect());
  useEffect(() => () => conn.close(), [conn]);
  const now = useNow(deps.now);
  const inbox = useInbox(conn, onExpired);
  const [view, setView] = useState<InboxView>(InboxView.waiting);
  const [selected, setSelected] = useState<string | null>(null);
  const [visitorOpen, setVisitorOpen] = useState(false);
  const { dispatch } = inbox;
  const onChanged = useCallback(
    (c: AgentConversationDTO) => dispatch({ type: 'conversation', conversation: c }),
    [dispatch],
  );
  const conv = useConversation(conn, selected, inbox.link, onChanged);

  const me = inbox.state.me ?? agent;
  const conversations = Object.values(inbox.state.conversations);
  useDocumentTitle(conversations.filter((c) => c.status === 'waiting').length);

  useEffect(() => {
    if (!visitorOpen) return;
    // The drawer (tablet layout) takes focus, so keyboard and screen-reader users land in it.
    document.getElementById('visitor-title')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setVisitorOpen(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [visitorOpen]);

  const select = useCallback((id: string) => {
    setSelected(id);
    setVisitorOpen(false);
  }, []);
  const onTyping = useCallback(
    (typing: boolean) => {
      if (!selected) return;
      conn.request('typing:set', { conversationId: selected, typing }).catch(() => {
        // Typing is a courtesy; never bother the agent about it.
      });
    },
    [conn, selected],
  );

  const detail = conv.detail;
  return (
    <div class="console">
      <a class="skip-link" href="#main">
        Skip to conversation
      </a>
      <Header me={me} link={inbox.link} onStatus={inbox.setStatus} onSignOut={onSignOut} />
      {inbox.error && (
        <p class="banner-error" role="alert">
          {inbox.error}
        </p>
      )}
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
        />
        <main id="main" class="main" tabIndex={-1}>
          {!selected ? (
            <div class="placeholder">
              <h2>No conversation selected</h2>
              <p>Pick a conversation from the inbox. Waiting visitors are listed in the order they asked.</p>
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
    </div>
  );
}
