import { useState } from 'preact/hooks';
import type { AgentDTO } from '../../../server/protocol/dto.ts';
import { Face } from '../conversation/face.tsx';
import { avatarApi, useOwnPicture } from './avatar-api.ts';

const MAX_BYTES = 2 * 1024 * 1024;

/** Your picture, shown to visitors in the widget (the team online, your replies) and to colleagues. */
export function AvatarForm({ me, fetchFn }: { me: AgentDTO; fetchFn?: typeof fetch }) {
  const picture = useOwnPicture();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      await action();
      setSaved(done);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card form avatar-form" aria-labelledby="avatar-title" aria-busy={busy}>
      <h2 id="avatar-title">Your picture</h2>
      <p class="muted">
        Visitors see it in the widget beside your name. A square photo of your face works best (PNG, JPEG, GIF
        or WebP, up to 2 MB); without one, your initials show.
      </p>
      {saved && (
        <p class="notice notice-ok" role="status">
          {saved}
        </p>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="avatar-row">
        <span class="avatar-preview">
          <Face name={me.name} picture={picture} />
        </span>
        <label class="btn btn-secondary file-btn">
          {picture ? 'Change picture' : 'Upload a picture'}
          <input
            type="file"
            class="visually-hidden"
            accept="image/png,image/jpeg,image/gif,image/webp"
            disabled={busy}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (!file) return;
              if (file.size > MAX_BYTES) return setError('A picture may be at most 2 MB.');
              void run(() => avatarApi.upload(file, fetchFn), 'Saved. Visitors now see your picture.');
            }}
          />
        </label>
        {picture && (
          <button
            type="button"
            class="btn btn-quiet"
            aria-disabled={busy}
            onClick={() =>
              !busy && run(() => avatarApi.remove(fetchFn), 'Removed. Your initials show instead.')
            }
          >
            Remove
          </button>
        )}
      </div>
    </section>
  );
}
