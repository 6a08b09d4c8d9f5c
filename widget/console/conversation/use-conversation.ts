import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AgentConversationDTO } from '../../../server/protocol/dto.ts';
import type { AgentConversationDetail } from '../../../server/protocol/events.ts';
import type { AgentConnection, LinkState } from '../socket.ts';
import { leavesGap, mergeMessage, settlePending } from './transcript.ts';
import { useOutbox } from './use-outbox.ts';

/** Commands that change a conversation and answer with it. */
export type ConversationCommand = 'conversation:claim' | 'conversation:close' | 'conversation:reopen';

/**
 * One open conversation: its detail, live messages (deduplicated, in seq order, refetched on a gap or
 * a reconnect), the visitor's typing, and the agent's actions. `onChanged` feeds the inbox store.
 */
export function useConversation(
  conn: AgentConnection,
  id: string | null,
  link: LinkState,
  onChanged: (c: AgentConversationDTO) => void,
) {
  const [detail, setDetail] = useState<AgentConversationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typing, setTyping] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const outbox = useOutbox(conn, id, (message) =>
    setDetail((d) =>
      d && d.conversation.id === message.conversationId
        ? { ...d, messages: mergeMessage(d.messages, message) }
        : d,
    ),
  );
  const { setPending } = outbox;
  const detailRef = useRef(detail);
  detailRef.current = detail;

  useEffect(() => {
    if (!id || link !== 'connected') return;
    let live = true;
    conn.request('conversation:open', { conversationId: id }).then(
      (d) => {
        if (!live) return;
        setError(null);
        setDetail({ ...d, messages: [...d.messages].sort((a, b) => a.seq - b.seq) });
        setPending((p) => settlePending(p, d.messages));
      },
      (err: Error) => live && setError(`This conversation could not be opened: ${err.message}`),
    );
    return () => {
      live = false;
    };
  }, [conn, id, link, reload, setPending]);

  useEffect(() => {
    setDetail((d) => (d?.conversation.id === id ? d : null));
    setTyping(null);
  }, [id]);

  useEffect(() => {
    if (!id) return;
    const offs = [
      conn.on('message:created', (m) => {
        if (m.conversationId !== id) return;
        const known = detailRef.current;
        if (known && leavesGap(known.messages, m)) setReload((n) => n + 1);
        setDetail((d) => (d ? { ...d, messages: mergeMessage(d.messages, m) } : d));
        setPending((p) => settlePending(p, [m]));
        if (m.author === 'visitor') setTyping(null);
      }),
      conn.on('conversation:updated', (c) => {
        if (c.id === id) setDetail((d) => (d ? { ...d, conversation: c } : d));
      }),
      // The visitor moved to another page (or said who they are): the panel follows.
      conn.on('visitor:updated', (v) => {
        setDetail((d) => (d && d.visitor.id === v.id ? { ...d, visitor: v } : d));
      }),
      conn.on('typing:changed', (e) => {
        if (e.conversationId === id && e.from === 'visitor')
          setTyping(e.typing ? (e.name ?? 'Visitor') : null);
      }),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [conn, id, setPending]);

  // Tell the server what the agent has seen, so unread marks clear for every agent.
  const lastSeq = detail?.messages[detail.messages.length - 1]?.seq ?? 0;
  const readSeq = detail?.conversation.agentReadSeq ?? 0;
  useEffect(() => {
    if (!id || lastSeq <= readSeq) return;
    conn.request('message:read', { conversationId: id, seq: lastSeq }).catch(() => {
      // Best effort: the next message or reopen tries again.
    });
  }, [conn, id, lastSeq, readSeq]);

  const apply = useCallback(
    (conversation: AgentConversationDTO) => {
      setDetail((d) => (d && d.conversation.id === conversation.id ? { ...d, conversation } : d));
      onChanged(conversation);
    },
    [onChanged],
  );

  /** Runs an action; resolves with an error message to show, or null. */
  const act = useCallback(
    async (run: () => Promise<{ conversation: AgentConversationDTO }>): Promise<string | null> => {
      try {
        apply((await run()).conversation);
        return null;
      } catch (err) {
        return (err as Error).message;
      }
    },
    [apply],
  );

  const command = useCallback(
    (event: ConversationCommand) =>
      id ? act(() => conn.request(event, { conversationId: id })) : Promise.resolve(null),
    [act, conn, id],
  );
  const transfer = useCallback(
    (toAgentId: string | null, note?: string) =>
      id
        ? act(() =>
            conn.request('conversation:transfer', {
              conversationId: id,
              toAgentId,
              ...(note ? { note } : {}),
            }),
          )
        : Promise.resolve(null),
    [act, conn, id],
  );

  const current = detail && detail.conversation.id === id ? detail : null;
  return { detail: current, error, typing, outbox, command, transfer };
}
