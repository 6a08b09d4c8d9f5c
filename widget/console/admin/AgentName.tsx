import { useState } from 'preact/hooks';
import type { AgentDTO } from '../../../server/protocol/dto.ts';

/** An agent's name in the team list, which an admin can change in place (the name visitors see). */
export function AgentName({
  agent: a,
  busy,
  onRename,
  suffix,
}: {
  agent: AgentDTO;
  busy: boolean;
  onRename: (name: string) => Promise<void>;
  /** Shown after the name, before Rename (e.g. "(you)"). */
  suffix?: preact.ComponentChildren;
}) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(a.name);
  if (!editing)
    return (
      <>
        {a.name}
        {suffix}{' '}
        <button
          type="button"
          class="rename-btn"
          aria-label={`Rename ${a.name}`}
          disabled={busy}
          onClick={() => {
            setName(a.name);
            setEditing(true);
          }}
        >
          Rename
        </button>
      </>
    );
  const save = async () => {
    const wanted = name.trim();
    if (wanted && wanted !== a.name) await onRename(wanted);
    setEditing(false);
  };
  return (
    <span class="agent-rename">
      <input
        aria-label={`New name for ${a.name}`}
        value={name}
        maxLength={120}
        // biome-ignore lint/a11y/noAutofocus: the field the admin just asked for
        autoFocus
        onInput={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
          if (e.key === 'Escape') setEditing(false);
        }}
      />
      <button type="button" class="btn btn-small" disabled={busy} onClick={() => void save()}>
        Save
      </button>
      <button type="button" class="rename-btn" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </span>
  );
}
