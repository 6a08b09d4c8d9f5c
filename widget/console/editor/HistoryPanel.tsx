import { useEffect, useState } from 'preact/hooks';
import { DiffView } from './DiffView.tsx';
import type { EditorApi, Version } from './editor-api.ts';

interface Props {
  api: EditorApi;
  slug: string;
  /** Changes when a save made a new version. */
  current: string;
  onRestore: (text: string, id: string) => void;
  onError: (err: unknown) => void;
}

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The article's last versions (who, when); one opened shows what it changed, and can be restored. */
export function HistoryPanel({ api, slug, current, onRestore, onError }: Props) {
  const [kind, setKind] = useState<'git' | 'folder' | null>(null);
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [open, setOpen] = useState<{ id: string; text: string; previous: string | null } | null>(null);

  useEffect(() => {
    api.history(slug).then((h) => {
      setKind(h.kind);
      setVersions(h.versions);
    }, onError);
  }, [api, slug, current, onError]);

  return (
    <section class="card history" aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <p class="muted">
        {kind === 'git'
          ? 'Each save is a commit in the knowledge base’s git repository, with your name.'
          : 'The last 20 saved versions are kept.'}
      </p>
      {versions === null ? (
        <p class="muted">Loading…</p>
      ) : versions.length === 0 ? (
        <p class="muted">No earlier versions yet.</p>
      ) : (
        <ol class="history-list">
          {versions.map((v, i) => (
            <li key={v.id}>
              <button
                type="button"
                class="link-btn inline-link"
                aria-expanded={open?.id === v.id}
                onClick={() =>
                  open?.id === v.id ? setOpen(null) : api.version(slug, v.id).then(setOpen, onError)
                }
              >
                {when(v.at)}
              </button>{' '}
              <span>
                {v.author}
                {i === 0 ? ' (latest)' : ''}
              </span>
              <span class="muted"> · {v.message}</span>
              {open?.id === v.id && (
                <div class="history-version">
                  <DiffView
                    before={open.previous ?? ''}
                    after={open.text}
                    label="What this version changed"
                  />
                  {i > 0 && (
                    <button type="button" class="btn btn-small" onClick={() => onRestore(open.text, v.id)}>
                      Restore this version
                    </button>
                  )}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
