import { useState } from 'preact/hooks';
import type { AgentConversationDTO, AgentDTO } from '../../server/protocol/dto.ts';
import type { ConversationCommand } from './use-conversation.ts';

interface Props {
  conversation: AgentConversationDTO;
  meId: string | null;
  agents: AgentDTO[];
  /** Each resolves with an error message to show, or null. */
  onCommand: (command: ConversationCommand) => Promise<string | null>;
  onTransfer: (toAgentId: string | null) => Promise<string | null>;
}

const QUEUE = '__queue__';

/** Claim, transfer, close or reopen, offered only when they make sense for the conversation's state. */
export function ConversationActions({ conversation: c, meId, agents, onCommand, onTransfer }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState('');

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    const problem = await action();
    setBusy(false);
    setError(problem);
  };

  const others = agents.filter((a) => a.id !== meId && !a.disabled && a.role !== 'editor');
  const open = c.status !== 'closed';
  const canClaim = c.status === 'waiting';

  return (
    <div class="actions">
      {canClaim && (
        <button
          type="button"
          class="btn btn-primary"
          disabled={busy}
          onClick={() => run(() => onCommand('conversation:claim'))}
        >
          Claim
        </button>
      )}
      {open && (
        <span class="transfer">
          <label class="visually-hidden" for="transfer-to">
            Transfer to
          </label>
          <select
            id="transfer-to"
            value={target}
            disabled={busy}
            onChange={(e) => setTarget(e.currentTarget.value)}
          >
            <option value="">Transfer to…</option>
            {c.status === 'assigned' && <option value={QUEUE}>Back to the queue</option>}
            {others.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.status})
              </option>
            ))}
          </select>
          <button
            type="button"
            class="btn"
            disabled={busy || !target}
            onClick={() =>
              run(async () => {
                const problem = await onTransfer(target === QUEUE ? null : target);
                if (!problem) setTarget('');
                return problem;
              })
            }
          >
            Transfer
          </button>
        </span>
      )}
      {open ? (
        <button
          type="button"
          class="btn"
          disabled={busy}
          onClick={() => run(() => onCommand('conversation:close'))}
        >
          Close
        </button>
      ) : (
        <button
          type="button"
          class="btn"
          disabled={busy}
          onClick={() => run(() => onCommand('conversation:reopen'))}
        >
          Reopen
        </button>
      )}
      {error && (
        <p class="action-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
