import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import type { AgentDTO } from '../../../server/protocol/dto.ts';
import { roleLabels } from '../admin/roles.ts';
import { describeError } from '../admin/use-request.ts';
import { ApiError } from '../api.ts';
import { useDeps } from '../deps.ts';
import { AvatarForm } from './AvatarForm.tsx';
import { DisplayNameForm } from './DisplayNameForm.tsx';
import { type NewPassword, NewPasswordFields, newPasswordProblem } from './NewPasswordFields.tsx';

const empty: NewPassword = { password: '', confirm: '' };

/** One's own account: who you are signed in as, and a new password (the current one is asked first). */
export function AccountScreen({ me, onExpired }: { me: AgentDTO; onExpired: () => void }) {
  const { api } = useDeps();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassword>(empty);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  async function submit(e: TargetedSubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    setDone(false);
    const problem = current ? newPasswordProblem(next) : 'Type your current password first.';
    if (problem) return setError(problem);
    if (next.password === current) return setError('The new password is the same as the current one.');
    setBusy(true);
    setError(null);
    try {
      await api.changePassword(current, next.password);
      setCurrent('');
      setNext(empty);
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return onExpired();
      setError(
        err instanceof ApiError && err.status === 403
          ? 'The current password is not right.'
          : describeError(err),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="screen screen-narrow" aria-labelledby="account-title">
      <header class="screen-head">
        <h1 id="account-title">Your account</h1>
        <p class="muted">
          {me.name} · {me.email} · {roleLabels[me.role]}
        </p>
      </header>
      <DisplayNameForm me={me} onExpired={onExpired} />
      <AvatarForm me={me} />
      <form class="card form" onSubmit={submit} aria-labelledby="password-title" aria-busy={busy} noValidate>
        <h2 id="password-title">Change your password</h2>
        <p class="muted">
          Other browsers and computers signed in as you are signed out; this one stays signed in.
        </p>
        {done && (
          <p class="notice notice-ok" role="status">
            Your password is changed. Use it the next time you sign in.
          </p>
        )}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <input
          type="email"
          class="visually-hidden"
          autocomplete="username"
          value={me.email}
          readOnly
          tabIndex={-1}
          aria-hidden="true"
        />
        <div class="field">
          <label for="current-password">Current password</label>
          <input
            id="current-password"
            type="password"
            autocomplete="current-password"
            required
            maxLength={200}
            value={current}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        </div>
        <NewPasswordFields value={next} onChange={setNext} />
        <div class="form-bar">
          {/* aria-disabled, not disabled: a disabled button drops keyboard focus to the page. */}
          <button type="submit" class="btn btn-primary" aria-disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}
