import { useCallback, useEffect, useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { AgentConversationDTO } from '../../../server/protocol/dto.ts';
import { settle } from '../../ui/outbox.ts';
import { hasGap, held } from '../../ui/transcript.ts';
import type { AgentConnection, LinkState } from '../socket.ts';
import { closedConversation, openConversationReducer } from './transcript.ts';
import { useGapFill } from './use-gap-fill.ts';
import { useOutbox } from './use-outbox.ts';

/** Commands that change a conversation and answer with it. */
export type ConversationCommand = 'conversation:claim' | 'conversation:close' | 'conversation:reopen';

/**
 * One open conversation: its detail, live messages (deduplicated, in seq order; a gap below any ack or fact is
 * filled with `conversation:open`, as is everything after a reconnect), the visitor's typing, and the agent's
 * actions. `onChanged` feeds the inbox store.
 */
export function useConversation(
  conn: AgentConnection,
  id: string | null,
  link: LinkState,
  onChanged: (c: AgentConversationDTO) => void,
) {
  const [state, dispatch] = useReducer(openConversationReducer, closedConversation);
  const { detail } = state;
  const [error, setError] = useState<string | null>(null);
  const [typing, setTyping] = useState<string | null>(null);
  const outbox = useOutbox(conn, id, (message) => dispatch({ type: 'received', message }));
  const { setPending } = outbox;
  const opening = useRef(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (!id || link !== 'connected') return;
    let live = true;
    opening.current = true;
    conn.request('conversation:open', { conversationId: id }).then(
      (d) => {
        opening.current = false;
        if (!live) return;
        setError(null);
        dispatch({ type: 'opened', detail: d });
      },
      (err: Error) => {
        opening.current = false;
        if (live) setError(`This conversation could not be opened: ${err.message}`);
      },
    );
    return () => {
      live = false;
    };
  }, [conn, id, link, reload]);
  useGapFill({
    gap: !!id && link === 'connected' && hasGap(state.transcript),
    held: held(state.transcript).length > 0,
    version: detail,
    busy: () => opening.current,
    fill: () => setReload((n) => n + 1),
    release: () => dispatch({ type: 'released' }),
  });

  // A reply leaves the outbox once it shows in its place (before paint: never twice on screen).
  useLayoutEffect(() => {
    if (detail) setPending((p) => settle(p, detail.messages));
  }, [detail, setPending]);

  useEffect(() => {
    dispatch({ type: 'switched', id });
    setTyping(null);
  }, [id]);

  useEffect(() => {
    if (!id) return;
    const offs = [
      conn.on('message:created', (m) => {
        if (m.conversationId !== id) return;
        dispatch({ type: 'received', message: m });
        if (m.author === 'visitor') setTyping(null);
      }),
      conn.on('conversation:updated', (c) => dispatch({ type: 'received', conversation: c })),
      // Messages whole come while the server knows this console shows the conversation; one that came before
      // it knew (or while another screen was up) is announced by the inbox summary and fetched as a gap.
      conn.on('inbox:summary', (e) => {
        const s = e.conversations.find((x) => x.conversationId === id);
        if (s) dispatch({ type: 'announced', conversationId: id, lastSeq: s.lastSeq });
      }),
      // The visitor moved to another page (or said who they are): the panel follows.
      conn.on('visitor:updated', (v) => dispatch({ type: 'visitor', visitor: v })),
      conn.on('typing:changed', (e) => {
        if (e.conversationId === id && e.from === 'visitor')
          setTyping(e.typing ? (e.name ?? 'Visitor') : null);
      }),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [conn, id]);

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
      dispatch({ type: 'received', conversation });
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
