import { useEffect, useRef } from 'preact/hooks';
import type { AgentConversationDTO } from '../../../server/protocol/dto.ts';
import type { Preferences } from '../api.ts';
import type { AgentConnection } from '../socket.ts';

export interface AlertSinks {
  beep: () => void;
  notify: (title: string, body: string, tag: string, onClick?: () => void) => void;
}

/**
 * Never miss a visitor: a new waiting conversation, or a visitor's message in one of my chats, beeps and
 * shows a desktop notification, each as the agent's preferences say. A message in the conversation the
 * agent is looking at, in a focused tab, does not alert.
 */
export function useAlerts(opts: {
  conn: AgentConnection;
  meId: string;
  prefs: Preferences;
  conversations: Record<string, AgentConversationDTO>;
  selectedId: string | null;
  sinks: AlertSinks;
  onOpen: (id: string) => void;
}) {
  const latest = useRef(opts);
  latest.current = opts;

  useEffect(() => {
    const { conn } = opts;
    const offs = [
      conn.on('conversation:created', (c) => {
        const { prefs, sinks, onOpen } = latest.current;
        if (c.status !== 'waiting') return;
        if (prefs.soundNewConversation) sinks.beep();
        if (prefs.desktopNewConversation) {
          const who = c.visitor.name || c.visitor.email || 'A visitor';
          sinks.notify(`${who} is waiting`, c.preview, `conversation-${c.id}`, () => onOpen(c.id));
        }
      }),
      conn.on('message:created', (m) => {
        const { prefs, sinks, meId, conversations, selectedId, onOpen } = latest.current;
        if (m.author !== 'visitor') return;
        const c = conversations[m.conversationId];
        if (!c || c.agent?.id !== meId) return;
        const looking = selectedId === m.conversationId && document.hasFocus() && !document.hidden;
        if (looking) return;
        if (prefs.soundNewMessage) sinks.beep();
        if (prefs.desktopNewMessage) {
          sinks.notify(
            m.authorName || c.visitor.name || 'Visitor',
            m.text.slice(0, 140),
            `message-${m.id}`,
            () => onOpen(m.conversationId),
          );
        }
      }),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [opts.conn]);
}
