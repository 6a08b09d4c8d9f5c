import { useEffect, useRef } from 'preact/hooks';
import type { ChatMessages } from '../app/i18n/index.ts';
import { AgentAvatar } from './agent-avatar.tsx';
import { type ArticleLinks, MessageItem } from './MessageItem.tsx';
import type { ChatState } from './store.ts';

/** The transcript; a polite live region, so new replies are announced. Scrolls to the newest. */
export function MessageList({
  state,
  t,
  onRetry,
  articles,
}: {
  state: ChatState;
  t: ChatMessages;
  onRetry: (clientId: string) => void;
  articles?: ArticleLinks | undefined;
}) {
  const end = useRef<HTMLSpanElement>(null);
  const count = state.messages.length + state.pending.length;
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [count, state.agentTyping]);
  // The receipt goes under the visitor's latest stored message only, as messengers do.
  const lastMine = [...state.messages].reverse().find((m) => m.author === 'visitor');
  const readSeq = state.conversation?.agentReadSeq ?? 0;
  const deliveredSeq = state.conversation?.agentDeliveredSeq ?? 0;
  const receipt = (seq: number) => (seq <= readSeq ? 'read' : seq <= deliveredSeq ? 'delivered' : 'sent');
  const online = state.link === 'connected';
  // Faces by name: the team online and the agent on the conversation.
  const pictures = new Map((state.availability?.team ?? []).map((p) => [p.name, p.avatar]));
  const greeting = state.availability?.chatGreeting?.trim();
  return (
    <div class="messages">
      <div role="log" aria-live="polite" aria-label={t.transcript}>
        <ol class="list">
          {greeting && (
            <li class="msg msg-theirs msg-greeting">
              <span class="sr">{t.agent}: </span>
              <span class="msg-author" aria-hidden="true">
                <span class="team team-small">
                  {(state.availability?.team ?? []).slice(0, 3).map((p) => (
                    <AgentAvatar key={p.name} name={p.name} picture={p.avatar} />
                  ))}
                </span>
                {t.agent}
              </span>
              <p class="msg-text" dir="auto">
                {greeting}
              </p>
            </li>
          )}
          {state.messages.map((m, i) => (
            <MessageItem
              key={m.id}
              message={m}
              grouped={sameGroup(state.messages[i - 1], m)}
              picture={m.authorName ? pictures.get(m.authorName) : undefined}
              t={t}
              receipt={m === lastMine && !state.pending.length ? receipt(m.seq) : null}
              articles={articles}
            />
          ))}
          {state.pending.map((p) => (
            <MessageItem key={p.clientId} pending={p} t={t} online={online} onRetry={onRetry} />
          ))}
        </ol>
      </div>
      {state.agentTyping !== null && (
        <p class="typing">
          <span class="dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {t.typing(state.agentTyping || state.conversation?.agent?.name || t.agent)}
        </p>
      )}
      <span ref={end} />
    </div>
  );
}

/** A message follows on from the one before (same person, within 5 minutes): no second name and face. */
function sameGroup(
  prev: ChatState['messages'][number] | undefined,
  m: ChatState['messages'][number],
): boolean {
  if (!prev || prev.author !== m.author || prev.authorName !== m.authorName || m.author === 'system')
    return false;
  return Date.parse(m.createdAt) - Date.parse(prev.createdAt) < 5 * 60_000;
}
