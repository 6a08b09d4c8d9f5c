import { useCallback, useRef, useState } from 'preact/hooks';
import type { ArticleRef, AttachmentRef, MessageDTO } from '../../../server/protocol/dto.ts';
import type { AgentMessageSendInput } from '../../../server/protocol/schemas.ts';
import { newClientId } from '../../ui/client-id.ts';
import type { AgentConnection } from '../socket.ts';
import type { PendingMessage } from './transcript.ts';

/**
 * Replies on their way to the server. Each stays visible as "Sending" until acknowledged; a failed one
 * can be retried with the same client id, so a send that did reach the server is not stored twice.
 */
export function useOutbox(
  conn: AgentConnection,
  conversationId: string | null,
  onStored: (m: MessageDTO) => void,
) {
  const [all, setPending] = useState<PendingMessage[]>([]);
  const stored = useRef(onStored);
  stored.current = onStored;
  const open = useRef(conversationId);
  open.current = conversationId;

  const deliver = useCallback(
    async (p: PendingMessage) => {
      try {
        const { message } = await conn.request('message:send', {
          conversationId: p.conversationId,
          clientId: p.clientId,
          text: p.text,
          ...(p.internal ? { internal: true } : {}),
          ...(p.article ? { article: p.article } : {}),
          ...(p.attachments?.length
            ? { attachments: p.attachments as AgentMessageSendInput['attachments'] }
            : {}),
        });
        stored.current(message);
        // The open conversation's entry goes once the reply shows in its place (use-conversation.ts settles it:
        // past a gap it waits for the gap); another conversation's at once.
        if (p.conversationId !== open.current)
          setPending((list) => list.filter((x) => x.clientId !== p.clientId));
      } catch (err) {
        const error = (err as Error).message || 'Not sent.';
        setPending((list) =>
          list.map((x) => (x.clientId === p.clientId ? { ...x, state: 'failed', error } : x)),
        );
      }
    },
    [conn],
  );

  const send = useCallback(
    (text: string, internal: boolean, article?: ArticleRef, attachments?: AttachmentRef[]) => {
      if (!conversationId) return;
      const p: PendingMessage = {
        conversationId,
        clientId: newClientId(),
        text,
        internal,
        article,
        ...(attachments?.length ? { attachments } : {}),
        state: 'sending',
        error: null,
      };
      setPending((list) => [...list, p]);
      void deliver(p);
    },
    [conversationId, deliver],
  );

  const retry = useCallback(
    (clientId: string) => {
      const p = all.find((x) => x.clientId === clientId);
      if (p?.state !== 'failed') return;
      const again: PendingMessage = { ...p, state: 'sending', error: null };
      setPending((list) => list.map((x) => (x.clientId === clientId ? again : x)));
      void deliver(again);
    },
    [all, deliver],
  );

  const discard = useCallback((clientId: string) => {
    setPending((list) => list.filter((x) => x.clientId !== clientId || x.state !== 'failed'));
  }, []);

  const pending = all.filter((p) => p.conversationId === conversationId);
  return { pending, send, retry, discard, setPending };
}
