import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';

interface Props {
  /** Resolves with an error message to show, or null once signed in. */
  onSignIn: (email: string, password: string) => Promise<string | null>;
  /** Why the agent is here again (session ended...), shown above the form. */
  notice?: string | null;
}

/** The sign-in screen. Any credential problem gets one generic message that reveals nothing. */
export function SignIn({ onSignIn, notice = null }: Props) {
  const [email, setEmail] = useState('');
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

  return (
    <main class="signin">
      <form class="signin-card" onSubmit={submit} aria-labelledby="signin-title" aria-busy={busy}>
        <p class="brand">Parley</p>
        <h1 id="signin-title">Sign in to the console</h1>
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
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <button class="btn btn-primary btn-block" type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
