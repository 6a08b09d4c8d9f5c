import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import { INVITE_TTL_DAYS } from '../../../server/protocol/accounts.ts';
import type { AgentRole } from '../../../server/protocol/dto.ts';
import { roleLabels } from './roles.ts';

export type NewPerson = { name: string; email: string; role: AgentRole };
export type Access = 'invite' | 'password';

interface Props {
  busy: boolean;
  /** Resolves true when the person was added, so the form empties. `email`: send them the invite link too. */
  onSubmit: (person: NewPerson, access: Access, opts: { email: boolean }) => Promise<boolean>;
}

const blank: NewPerson = { name: '', email: '', role: 'agent' };

/** Name, email, role, and how the person gets in: an invite link (they choose a password) or a one-time password. */
export function NewPersonForm({ busy, onSubmit }: Props) {
  const [form, setForm] = useState<NewPerson>(blank);
  const [access, setAccess] = useState<Access>('invite');
  const [sendEmail, setSendEmail] = useState(false);
  const submit = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    if (await onSubmit(form, access, { email: access === 'invite' && sendEmail })) setForm(blank);
  };
  return (
    <form class="card form" onSubmit={submit} aria-labelledby="new-agent-title">
      <h2 id="new-agent-title">Add a person</h2>
      <label class="field">
        <span>Name</span>
        <input
          required
          maxLength={120}
          autocomplete="off"
          value={form.name}
          onInput={(e) => setForm((f) => ({ ...f, name: e.currentTarget.value }))}
        />
      </label>
      <label class="field">
        <span>Email</span>
        <input
          required
          type="email"
          autocomplete="off"
          value={form.email}
          onInput={(e) => setForm((f) => ({ ...f, email: e.currentTarget.value }))}
        />
      </label>
      <label class="field">
        <span>Role</span>
        <select
          value={form.role}
          onChange={(e) => setForm((f) => ({ ...f, role: e.currentTarget.value as AgentRole }))}
        >
          {Object.entries(roleLabels).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="radio-group access-choice">
        <legend>How they get in</legend>
        <label class="field-inline">
          <input
            type="radio"
            name="access"
            checked={access === 'invite'}
            onChange={() => setAccess('invite')}
          />
          <span>
            Invite link{' '}
            <span class="muted">
              They choose their own password. The link works once, for {INVITE_TTL_DAYS} days.
            </span>
          </span>
        </label>
        <label class="field-inline">
          <input
            type="radio"
            name="access"
            checked={access === 'password'}
            onChange={() => setAccess('password')}
          />
          <span>
            One-time password <span class="muted">Shown to you once, to pass on.</span>
          </span>
        </label>
      </fieldset>
      {access === 'invite' && (
        <label class="field-inline email-choice">
          <input
            type="checkbox"
            checked={sendEmail}
            onChange={(e) => setSendEmail(e.currentTarget.checked)}
          />
          <span>
            Email the link to them <span class="muted">The link is still shown to you once, to copy.</span>
          </span>
        </label>
      )}
      <div class="form-bar">
        <button type="submit" class="btn btn-primary" aria-disabled={busy}>
          {access === 'invite' ? 'Create invite link' : 'Create account'}
        </button>
      </div>
    </form>
  );
}
