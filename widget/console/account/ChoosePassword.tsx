import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import type { AgentDTO } from '../../../server/protocol/dto.ts';
import { ApiError } from '../api.ts';
import { useDeps } from '../deps.ts';
import { type NewPassword, NewPasswordFields, newPasswordProblem } from './NewPasswordFields.tsx';

interface Props {
  agent: AgentDTO;
  /** The password is the agent's own now; the console may open. */
  onChosen: (agent: AgentDTO) => void;
  onSignOut: () => void;
}

/**
 * The only screen after signing in with a one-time password (from an admin or the command line): the agent
 * chooses their own, by the same rule as everywhere, before anything else of the console opens.
 */
export function ChoosePassword({ agent, onChosen, onSignOut }: Props) {
  const { api } = useDeps();
  const [value, setValue] = useState<NewPassword>({ password: '', confirm: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: TargetedSubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const problem = newPasswordProblem(value);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      onChosen(await api.choosePassword(value.password));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 401) return onSignOut();
      if (err instanceof ApiError && err.status === 409 && /one-time/.test(err.message)) {
        return setError('That is the one-time password. Choose a password of your own.');
      }
      if (err instanceof ApiError && err.status === 409) {
        // Chosen already, in another tab: nothing left to do here.
        const me = await api.me().catch(() => null);
        if (me && !me.mustChangePassword) return onChosen(me);
      }
      setError(
        err instanceof ApiError && err.status < 500
          ? err.message
          : 'The server could not be reached. Try again.',
      );
    }
  }

  return (
    <main class="signin">
      <form
        class="signin-card"
        onSubmit={submit}
        aria-labelledby="choose-title"
        aria-describedby="choose-why"
        aria-busy={busy}
        noValidate
      >
        <p class="brand">Parley</p>
        <h1 id="choose-title">Choose your password</h1>
        <p class="muted" id="choose-why">
          You signed in with a one-time password. Choose your own to open the console; the one-time password
          stops working, and any other browser signed in with it is signed out.
        </p>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="field">
          <label for="choose-email">Email</label>
          <input id="choose-email" type="email" autocomplete="username" readOnly value={agent.email} />
        </div>
        <NewPasswordFields value={value} onChange={setValue} />
        {/* aria-disabled, not disabled: a disabled button drops keyboard focus to the page. */}
        <button class="btn btn-primary btn-block" type="submit" aria-disabled={busy}>
          {busy ? 'Saving…' : 'Save password and continue'}
        </button>
        <button type="button" class="btn btn-quiet btn-block" onClick={onSignOut}>
          Sign out
        </button>
      </form>
    </main>
  );
}
