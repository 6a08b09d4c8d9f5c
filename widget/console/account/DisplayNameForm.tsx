import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import type { AgentDTO } from '../../../server/protocol/dto.ts';
import { describeError } from '../admin/use-request.ts';
import { ApiError } from '../api.ts';
import { useDeps } from '../deps.ts';

/** Your name as visitors and colleagues see it ("Grace is helping you"); an account made from an email starts with its first part. */
export function DisplayNameForm({ me, onExpired }: { me: AgentDTO; onExpired: () => void }) {
  const { api } = useDeps();
  const [name, setName] = useState(me.name);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: TargetedSubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const wanted = name.trim();
    if (!wanted) return setError('Type the name visitors should see.');
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const agent = await api.renameMe(wanted);
      setName(agent.name);
      setSaved(agent.name);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return onExpired();
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card form" onSubmit={submit} aria-labelledby="name-title" aria-busy={busy} noValidate>
      <h2 id="name-title">Your name</h2>
      <p class="muted">Visitors see it when you join their chat and beside your replies.</p>
      {saved && (
        <p class="notice notice-ok" role="status">
          Saved. Visitors now see “{saved}”.
        </p>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="field">
        <label for="display-name">Display name</label>
        <input
          id="display-name"
          autocomplete="name"
          maxLength={120}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </div>
      <div class="form-bar">
        <button type="submit" class="btn btn-primary" aria-disabled={busy}>
          {busy ? 'Saving…' : 'Save name'}
        </button>
      </div>
    </form>
  );
}
