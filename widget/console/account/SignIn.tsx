import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  /** Resolves with an error message to show, or null once signed in. */
  onSignIn: (email: string, password: string) => Promise<string | null>;
  /** Why the agent is here again (session ended...), shown above the form. */
  notice?: string | null;
  /** Over a workspace whose session ended: a modal panel, the email filled in, the password focused. */
  over?: { email: string } | undefined;
}

/** The sign-in screen. Any credential problem gets one generic message that reveals nothing. */
export function SignIn({ onSignIn, notice = null, over }: Props) {
  const [email, setEmail] = useState(over?.email ?? '');
  const passwordRef = useRef<HTMLInputElement>(null);
  const isOver = Boolean(over);
  useEffect(() => {
    if (isOver) passwordRef.current?.focus();
  }, [isOver]);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: TargetedSubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const problem = await onSignIn(email.trim(), password);
    // On success this component unmounts; only touch state when it stays.
    if (problem) {
      setError(problem);
      setPassword('');
      setBusy(false);
    }
  }

  const form = (
    <form class="signin-card" onSubmit={submit} aria-labelledby="signin-title" aria-busy={busy}>
      <p class="brand">Parley</p>
      <h1 id="signin-title">{over ? 'Sign in again' : 'Sign in to the console'}</h1>
      {notice && !error && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <label class="field">
        <span>Email</span>
        <input
          type="email"
          name="email"
          autocomplete="username"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>Password</span>
        <input
          type="password"
          name="password"
          autocomplete="current-password"
          required
          ref={passwordRef}
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      {/* aria-disabled, not disabled: a disabled button drops keyboard focus to the page. */}
      <button class="btn btn-primary btn-block" type="submit" aria-disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
  // Over the workspace: what was typed there stays, behind the panel, until the agent is back.
  if (over) {
    return (
      <div class="backdrop signin-over">
        <div role="dialog" aria-modal="true" aria-labelledby="signin-title">
          {form}
        </div>
      </div>
    );
  }
  return <main class="signin">{form}</main>;
}
