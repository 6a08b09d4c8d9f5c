import type { AgentDTO } from '../../../server/protocol/dto.ts';
import { ConfirmNow } from './ConfirmNow.tsx';

export type RowAction = 'disable' | 'reset';

interface Props {
  agent: AgentDTO;
  busy: boolean;
  /** The action waiting for its second click in this row, if any. */
  confirming: RowAction | null;
  onAsk: (action: RowAction | null) => void;
  onDisable: (disabled: boolean) => void;
  onReset: () => void;
}

const question: Record<RowAction, { label: string; hidden: (name: string) => string }> = {
  disable: { label: 'Disable', hidden: (n) => n },
  reset: { label: 'Reset password', hidden: (n) => `of ${n}` },
};

/**
 * A team member's row actions. Disabling and resetting a password sign the person out everywhere, so each
 * asks for a second click; while it asks, the row shows only that question, on one line.
 */
export function AgentActions({ agent: a, busy, confirming, onAsk, onDisable, onReset }: Props) {
  if (a.disabled) {
    return (
      <button
        type="button"
        class="btn btn-small"
        disabled={busy}
        aria-label={`Enable ${a.name}`}
        onClick={() => onDisable(false)}
      >
        Enable
      </button>
    );
  }
  if (confirming) {
    const q = question[confirming];
    return (
      <ConfirmNow
        label={q.label}
        hidden={q.hidden(a.name)}
        busy={busy}
        onConfirm={() => (confirming === 'disable' ? onDisable(true) : onReset())}
        onKeep={() => onAsk(null)}
      />
    );
  }
  return (
    <>
      <button
        type="button"
        class="btn btn-small btn-quiet"
        disabled={busy}
        aria-label={`Reset password of ${a.name}`}
        onClick={() => onAsk('reset')}
      >
        Reset password
      </button>
      <button
        type="button"
        class="btn btn-small"
        disabled={busy}
        aria-label={`Disable ${a.name}`}
        onClick={() => onAsk('disable')}
      >
        Disable
      </button>
    </>
  );
}
