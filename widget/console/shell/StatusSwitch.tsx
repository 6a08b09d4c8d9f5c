import type { AgentStatus } from '../../../server/protocol/dto.ts';

interface Props {
  status: AgentStatus;
  onChange: (status: 'online' | 'away') => void;
  disabled?: boolean;
}

/** Online means new conversations may be routed to this agent; away means they are not. */
export function StatusSwitch({ status, onChange, disabled = false }: Props) {
  const online = status === 'online';
  return (
    <button
      type="button"
      role="switch"
      class={`status-switch ${online ? 'is-online' : 'is-away'}`}
      aria-checked={online}
      aria-label="Available for new conversations"
      disabled={disabled}
      onClick={() => onChange(online ? 'away' : 'online')}
    >
      <span class="status-dot" aria-hidden="true" />
      <span aria-hidden="true">{online ? 'Online' : 'Away'}</span>
    </button>
  );
}
