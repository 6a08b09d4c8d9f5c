import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * For admins, on a closed conversation: erase it for good (a GDPR erasure request), its messages, files and
 * report figures, after saying so once more. `onErased` hears when it is gone.
 */
export function EraseConversation({
  conversationId,
  onErased,
}: {
  conversationId: string;
  onErased: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);
  const cancel = () => {
    setAsking(false);
    toggle.current?.focus();
  };

  const erase = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/admin/conversations/${encodeURIComponent(conversationId)}`, {
        method: 'DELETE',
        credentials: 'same-origin',
      });
      if (res.ok) return onErased();
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(body?.error?.message ?? `The conversation could not be erased (${res.status})`);
    } catch {
      setError('The conversation could not be erased: no connection to the server');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="erase-wrap">
      <button
        ref={toggle}
        type="button"
        class="btn btn-quiet"
        aria-expanded={asking}
        aria-controls="erase-panel"
        onClick={() => setAsking((a) => !a)}
      >
        Erase…
      </button>
      {asking && (
        <form
          id="erase-panel"
          class="transfer-panel"
          aria-label="Erase this conversation"
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.stopPropagation();
            cancel();
          }}
          onSubmit={(e) => {
            e.preventDefault();
            void erase();
          }}
        >
          <p>
            Erase this conversation for good? Its messages, its files and its report figures are deleted. This
            cannot be undone.
          </p>
          <div class="transfer-bar">
            <button ref={keep} type="button" class="btn btn-quiet" onClick={cancel}>
              Keep it
            </button>
            <button type="submit" class="btn btn-primary" disabled={busy}>
              Erase for good
            </button>
          </div>
          {error && (
            <p class="action-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
