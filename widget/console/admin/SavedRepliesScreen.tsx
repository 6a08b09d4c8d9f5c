import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AgentDTO } from '../../../server/protocol/dto.ts';
import type { SavedReply, SavedReplyInput } from '../api.ts';
import { useDeps } from '../deps.ts';
import { useRequest } from './use-request.ts';

const empty: SavedReplyInput = { shortcut: '', title: '', text: '' };

/** The team's saved replies: add, edit, delete. Agents insert them with `/shortcut` in the reply box. */
export function SavedRepliesScreen({ me, onExpired }: { me: AgentDTO; onExpired: () => void }) {
  const { api } = useDeps();
  const { busy, error, run } = useRequest(onExpired);
  const [replies, setReplies] = useState<SavedReply[] | null>(null);
  const [form, setForm] = useState<SavedReplyInput>(empty);
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void run(api.savedReplies).then((r) => r && setReplies(r));
  }, [api, run]);

  const submit = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    const saved = await run(() =>
      editing ? api.updateSavedReply(editing, form) : api.createSavedReply(form),
    );
    if (!saved) return;
    setReplies((list) => {
      const rest = (list ?? []).filter((r) => r.id !== saved.id);
      return [...rest, saved].sort((a, b) => a.shortcut.localeCompare(b.shortcut));
    });
    setStatus(editing ? `Saved /${saved.shortcut}.` : `Added /${saved.shortcut}.`);
    setForm(empty);
    setEditing(null);
  };
  const remove = async (r: SavedReply) => {
    const ok = await run(async () => {
      await api.deleteSavedReply(r.id);
      return true;
    });
    if (!ok) return;
    setReplies((list) => (list ?? []).filter((x) => x.id !== r.id));
    setStatus(`Deleted /${r.shortcut}.`);
  };
  const canEdit = (r: SavedReply) => me.role === 'admin' || r.createdBy === me.id || r.createdBy === null;
  const field =
    (k: keyof SavedReplyInput) => (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      setForm((f) => ({ ...f, [k]: e.currentTarget.value }));

  return (
    <section class="screen" aria-labelledby="replies-title">
      <header class="screen-head">
        <h1 id="replies-title">Saved replies</h1>
        <p class="muted">
          Type / in the reply box, then a few letters of the shortcut or title, and press Enter.
        </p>
      </header>
      <div class="screen-cols">
        <form class="card form" onSubmit={submit} aria-labelledby="reply-form-title">
          <h2 id="reply-form-title">{editing ? 'Edit saved reply' : 'New saved reply'}</h2>
          <div class="field">
            <label for="reply-shortcut">Shortcut</label>
            <span class="prefixed">
              <span aria-hidden="true">/</span>
              <input
                id="reply-shortcut"
                required
                maxLength={32}
                pattern="[a-zA-Z0-9][a-zA-Z0-9\-]*"
                value={form.shortcut}
                onInput={field('shortcut')}
                aria-describedby="shortcut-hint"
              />
            </span>
            <small id="shortcut-hint" class="muted">
              Letters, digits and dashes, e.g. refund-time
            </small>
          </div>
          <label class="field">
            <span>Title</span>
            <input required maxLength={120} value={form.title} onInput={field('title')} />
          </label>
          <label class="field">
            <span>Text</span>
            <textarea required rows={6} maxLength={4000} value={form.text} onInput={field('text')} />
          </label>
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <div class="form-bar">
            {editing && (
              <button
                type="button"
                class="btn btn-quiet"
                onClick={() => {
                  setEditing(null);
                  setForm(empty);
                }}
              >
                Cancel
              </button>
            )}
            <button type="submit" class="btn btn-primary" aria-disabled={busy}>
              {editing ? 'Save changes' : 'Add saved reply'}
            </button>
          </div>
        </form>
        <div class="card">
          <p class="visually-hidden" role="status">
            {status}
          </p>
          {!replies ? (
            <p class="muted">Loading…</p>
          ) : replies.length === 0 ? (
            <p class="muted">No saved replies yet. Add the answers you type most often.</p>
          ) : (
            <ul class="reply-list" aria-label="Saved replies">
              {replies.map((r) => (
                <li key={r.id} class="reply-row">
                  <div class="reply-main">
                    <p>
                      <code class="shortcut-code">/{r.shortcut}</code> <strong>{r.title}</strong>
                    </p>
                    <p class="reply-text">{r.text}</p>
                  </div>
                  {canEdit(r) && (
                    <div class="row-actions">
                      <button
                        type="button"
                        class="btn btn-small"
                        aria-label={`Edit /${r.shortcut}`}
                        onClick={() => {
                          setEditing(r.id);
                          setForm({ shortcut: r.shortcut, title: r.title, text: r.text });
                        }}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        class="btn btn-small btn-danger"
                        aria-label={`Delete /${r.shortcut}`}
                        onClick={() => void remove(r)}
                      >
                        Delete
                      </button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
