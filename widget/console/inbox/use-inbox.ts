import { useCallback, useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { AgentStatus } from '../../../server/protocol/dto.ts';
import type { AgentConnection, LinkState } from '../socket.ts';
import { emptyInbox, inboxReducer } from '../store.ts';

/**
 * The live inbox: loads the list whenever the link (re)connects, then applies facts to the store,
 * so lists change without reloads. `onUnauthorized` runs when the server rejects the session.
 */
export function useInbox(conn: AgentConnection, onUnauthorized: () => void) {
  const [state, dispatch] = useReducer(inboxReducer, emptyInbox);
  const [link, setLink] = useState<LinkState>('connecting');
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(state);
  latest.current = state;

  useEffect(() => {
    // The visitor sees "Delivered" once the console of the agent who has the conversation (or, while it
    // waits, any console) has their message.
    const delivered = (m: { conversationId: string; seq: number; author: string }) => {
      const { conversations, me } = latest.current;
      const c = conversations[m.conversationId];
      if (m.author !== 'visitor' || !c || (c.agent && c.agent.id !== me?.id)) return;
      conn.request('message:delivered', { conversationId: m.conversationId, seq: m.seq }).catch(() => {
        // Best effort: reading the conversation marks it too.
      });
    };
    const offs = [
      conn.on('conversation:created', (conversation) => dispatch({ type: 'conversation', conversation })),
      conn.on('conversation:updated', (conversation) => dispatch({ type: 'conversation', conversation })),
      conn.on('conversation:erased', (e) => dispatch({ type: 'erased', conversationId: e.conversationId })),
      conn.on('message:created', (message) => {
        dispatch({ type: 'message', message });
        delivered(message);
      }),
      // Conversations this console does not show come in brief, a few times a second (see store.ts).
      conn.on('inbox:summary', (e) => dispatch({ type: 'summary', conversations: e.conversations })),
      conn.on('agent:updated', (agent) => dispatch({ type: 'agent', agent })),
      conn.onState(setLink),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [conn]);

  useEffect(() => {
    if (link === 'unauthorized') onUnauthorized();
    if (link !== 'connected') return;
    let live = true;
    // Facts may have been missed while disconnected: the list is the truth after every (re)connect. A busy
    // inbox comes in pages; the first shows at once, the rest are merged as they arrive.
    const load = async () => {
      const first = await conn.request('inbox:list', {});
      if (!live) return;
      setError(null);
      dispatch({ type: 'listed', ...first });
      for (let after = first.next; after && live; ) {
        const page = await conn.request('inbox:list', { after });
        if (!live) return;
        dispatch({ type: 'listedMore', conversations: page.conversations });
        after = page.next;
      }
    };
    load().catch((err: Error) => live && setError(`The inbox could not be loaded: ${err.message}`));
    return () => {
      live = false;
    };
  }, [conn, link, onUnauthorized]);

  const setStatus = useCallback(
    async (status: Exclude<AgentStatus, 'offline'>) => {
      try {
        const { me } = await conn.request('agent:status', { status });
        dispatch({ type: 'agent', agent: me });
      } catch (err) {
        setError(`Your status could not be changed: ${(err as Error).message}`);
      }
    },
    [conn],
  );

  return { state, dispatch, link, error, setStatus };
}
