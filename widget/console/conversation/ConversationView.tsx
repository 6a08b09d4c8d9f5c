import type { AgentDTO, ArticleRef, AttachmentRef, MessageDTO } from '../../../server/protocol/dto.ts';
import type { AgentConversationDetail } from '../../../server/protocol/events.ts';
import { useTeamPictures } from '../account/avatar-api.ts';
import { Composer, type ComposerTools } from '../composer/Composer.tsx';
import { ConversationActions } from './ConversationActions.tsx';
import { EraseConversation } from './EraseConversation.tsx';
import { Transcript } from './Transcript.tsx';
import type { PendingMessage } from './transcript.ts';
import type { ConversationCommand } from './use-conversation.ts';

interface Props {
  detail: AgentConversationDetail;
  pending: PendingMessage[];
  typing: string | null;
  meId: string | null;
  agents: AgentDTO[];
  now: number;
  draft: string;
  onDraft: (text: string) => void;
  onSend: (text: string, internal: boolean, article?: ArticleRef, files?: AttachmentRef[]) => void;
  onTyping?: (typing: boolean) => void;
  onRetry: (clientId: string) => void;
  onDiscard: (clientId: string) => void;
  onCommand: (command: ConversationCommand) => Promise<string | null>;
  onTransfer: (toAgentId: string | null, note?: string) => Promise<string | null>;
  /** "Ben is also viewing" / "Ben is typing…", or null. */
  colleagues?: string | null;
  tools?: ComposerTools;
  /** Narrow screens only: back to the lists, and show the visitor panel. */
  onBack?: () => void;
  onShowVisitor?: () => void;
  /** Admins only, on a closed conversation: it was erased for good. */
  onErased?: () => void;
}

const statusText = {
  waiting: 'Waiting',
  offline: 'Offline message',
  assigned: 'Assigned',
  closed: 'Closed',
} as const;

/** The middle column: who and what, the actions, the transcript, and the reply box. */
export function ConversationView(props: Props) {
  const { detail, meId } = props;
  const c = detail.conversation;
  const who = detail.visitor.name || detail.visitor.email || 'Anonymous visitor';
  const owner = c.agent ? (c.agent.id === meId ? 'you' : c.agent.name) : null;
  const messages: MessageDTO[] = detail.messages;
  const pictures = useTeamPictures();
  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <header class="conv-header">
        {props.onBack && (
          <button type="button" class="btn btn-quiet only-narrow" onClick={props.onBack}>
            <span aria-hidden="true">←</span> Inbox
          </button>
        )}
        <div class="conv-title">
          <h2 id="conversation-title">
            <bdi>{who}</bdi>
          </h2>
          <p class="conv-sub">
            <span class={`badge badge-${c.status}`}>{statusText[c.status]}</span>
            {owner && <span> · with {owner}</span>}
            {c.status === 'offline' && (
              <span>
                {' '}
                · Left while nobody was online. Take it and reply: the visitor gets your reply by email
                {detail.visitor.email ? ` at ${detail.visitor.email}` : ''}.
              </span>
            )}
            {c.rating != null && (
              <span class="rating">
                {' '}
                · Rated {c.rating}/5{c.ratingComment ? `: “${c.ratingComment}”` : ''}
              </span>
            )}
          </p>
        </div>
        {props.onShowVisitor && (
          <button type="button" class="btn btn-quiet only-medium" onClick={props.onShowVisitor}>
            Visitor details
          </button>
        )}
        <ConversationActions
          conversation={c}
          meId={meId}
          agents={props.agents}
          onCommand={props.onCommand}
          onTransfer={props.onTransfer}
        />
        {props.onErased &&
          c.status === 'closed' &&
          props.agents.some((a) => a.id === meId && a.role === 'admin') && (
            <EraseConversation conversationId={c.id} onErased={props.onErased} />
          )}
      </header>
      <p class={`colleagues ${props.colleagues ? 'is-visible' : ''}`} role="status">
        {props.colleagues ?? ''}
      </p>
      <Transcript
        messages={messages}
        visitorReadSeq={c.visitorReadSeq}
        visitorDeliveredSeq={c.visitorDeliveredSeq}
        pending={props.pending}
        typing={props.typing}
        now={props.now}
        onRetry={props.onRetry}
        onDiscard={props.onDiscard}
        pictures={pictures}
      />
      <Composer
        key={c.id}
        draft={props.draft}
        onDraft={props.onDraft}
        onSend={props.onSend}
        attachTo={c.id}
        onTyping={props.onTyping}
        {...(props.tools ? { tools: props.tools } : {})}
        disabledReason={c.status === 'closed' ? 'This conversation is closed. Reopen it to reply.' : null}
      />
    </section>
  );
}
