import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgentConversationDTO, AgentDTO } from '../../../server/protocol/dto.ts';
import type { ConversationCommand } from './use-conversation.ts';

interface Props {
  conversation: AgentConversationDTO;
  meId: string | null;
  agents: AgentDTO[];
  /** Each resolves with an error message to show, or null. */
  onCommand: (command: ConversationCommand) => Promise<string | null>;
  onTransfer: (toAgentId: string | null, note?: string) => Promise<string | null>;
}

const QUEUE = '__queue__';

/** Claim, transfer (with a note for the next person), close or reopen, offered when they make sense. */
export function ConversationActions({ conversation: c, meId, agents, onCommand, onTransfer }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [transferring, setTransferring] = useState(false);
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);
  const firstField = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (transferring) firstField.current?.focus();
  }, [transferring]);
  /** Escape or Cancel: the panel closes and the keyboard goes back to the button that opened it. */
  const closePanel = () => {
    setTransferring(false);
    toggle.current?.focus();
  };

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    const problem = await action();
    setBusy(false);
    setError(problem);
    return problem;
  };

  const others = agents.filter((a) => a.id !== meId && !a.disabled && a.role !== 'editor');
  const open = c.status !== 'closed';
  const canClaim = c.status === 'waiting' || c.status === 'offline';

  const transfer = async () => {
    const problem = await run(() => onTransfer(target === QUEUE ? null : target, note.trim() || undefined));
    if (!problem) {
      setTarget('');
      setNote('');
      setTransferring(false);
    }
  };

  return (
    <div class="actions-wrap">
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
          <button
            type="button"
            class="btn"
            aria-expanded={transferring}
            aria-controls="transfer-panel"
            ref={toggle}
            disabled={busy}
            onClick={() => setTransferring((t) => !t)}
          >
            Transfer…
          </button>
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
      </div>
      {open && transferring && (
        <form
          id="transfer-panel"
          class="transfer-panel"
          aria-label="Transfer"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.stopPropagation();
            closePanel();
          }}
          onSubmit={(e) => {
            e.preventDefault();
            if (target) void transfer();
          }}
        >
          <label class="field">
            <span>Transfer to</span>
            <select
              ref={firstField}
              value={target}
              disabled={busy}
              onChange={(e) => setTarget(e.currentTarget.value)}
            >
              <option value="">Choose…</option>
              {c.status === 'assigned' && <option value={QUEUE}>Back to the queue</option>}
              {others.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.status})
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>Note for the next agent</span>
            <textarea
              rows={2}
              maxLength={4000}
              value={note}
              placeholder="What they asked, what you tried. Only agents see this."
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </label>
          <div class="transfer-bar">
            <button type="button" class="btn btn-quiet" onClick={closePanel}>
              Cancel
            </button>
            <button type="submit" class="btn btn-primary" disabled={busy || !target}>
              Transfer
            </button>
          </div>
        </form>
      )}
      {error && (
        <p class="action-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
