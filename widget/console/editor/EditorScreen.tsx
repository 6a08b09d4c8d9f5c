import { useCallback, useEffect, useState } from 'preact/hooks';
import { describeError } from '../admin/use-request.ts';
import { ApiError } from '../api.ts';
import { ConfirmDialog, PlaceDialog } from './ArticleDialogs.tsx';
import { ArticleEditor } from './ArticleEditor.tsx';
import { ArticleList } from './ArticleList.tsx';
import { keepDraft } from './drafts.ts';
import { type ArticleItem, type ArticleSource, type EditorApi, editorApi } from './editor-api.ts';
import '../admin/admin.css';
import './editor.css';

type Modal = { kind: 'new' } | { kind: 'move' } | { kind: 'delete' } | { kind: 'discard'; then: () => void };

const NEW_ARTICLE = (title: string) =>
  `---\ntitle: ${JSON.stringify(title)}\ndraft: true\n---\nWrite the answer first, in a sentence or two.\n`;

/**
 * Articles: the knowledge base's Markdown files, edited in the browser. The list by category with each
 * file's status, the editor of the open article, and create, rename or move, and delete.
 */
export function EditorScreen({ onExpired, api = editorApi }: { onExpired: () => void; api?: EditorApi }) {
  const [articles, setArticles] = useState<ArticleItem[] | null>(null);
  const [opened, setOpen] = useState<ArticleSource | null>(null);
  /** The open article as last saved here (its version moves on with each save). */
  const [saved, setSaved] = useState<ArticleSource | null>(null);
  const open = saved && saved.slug === opened?.slug ? saved : opened;
  const [dirty, setDirty] = useState(false);
  const [modal, setModal] = useState<Modal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [modalError, setModalError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = useCallback(
    (err: unknown) =>
      err instanceof ApiError && err.status === 401 ? onExpired() : setError(describeError(err)),
    [onExpired],
  );
  const refresh = useCallback(() => api.list().then((l) => setArticles(l.articles), fail), [api, fail]);
  useEffect(() => void refresh(), [refresh]);

  // Leaving the page with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const guarded = (then: () => void) => (dirty ? setModal({ kind: 'discard', then }) : then());
  const openArticle = (slug: string) =>
    guarded(() => {
      setError(null);
      api.read(slug).then((s) => {
        setDirty(false);
        setOpen(s);
      }, fail);
    });
  const closeModal = () => {
    setModal(null);
    setModalError(null);
  };
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setModalError(null);
    try {
      await fn();
      setModal(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onExpired();
      else setModalError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const folders = [...new Set((articles ?? []).map((a) => a.relPath.split('/').slice(0, -1).join('/')))]
    .filter(Boolean)
    .sort();
  const categories = [...new Set((articles ?? []).map((a) => a.category).filter(Boolean))].sort();
  const folderOf = (slug: string) => slug.split('/').slice(0, -1).join('/');

  return (
    <section class="screen editor-screen" aria-labelledby="editor-title">
      <header class="screen-head screen-head-row">
        <div>
          <h1 id="editor-title">Articles</h1>
          <p class="muted">The knowledge base’s Markdown files. A save is live for visitors at once.</p>
        </div>
        <button
          type="button"
          class="btn btn-primary"
          onClick={() => guarded(() => setModal({ kind: 'new' }))}
        >
          New article
        </button>
      </header>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="editor-layout">
        {articles === null ? (
          <p class="muted">Loading…</p>
        ) : (
          <ArticleList articles={articles} selected={open?.slug ?? null} onOpen={openArticle} />
        )}
        {open ? (
          <ArticleEditor
            key={`${opened?.slug}:${opened?.version}`}
            api={api}
            source={opened ?? open}
            categories={categories}
            onSaved={(s) => {
              setSaved(s);
              void refresh();
            }}
            onDirty={setDirty}
            onFailure={fail}
            onMove={() => setModal({ kind: 'move' })}
            onDelete={() => setModal({ kind: 'delete' })}
          />
        ) : (
          <p class="card muted editor-empty">Choose an article to edit, or write a new one.</p>
        )}
      </div>
      {modal?.kind === 'new' && (
        <PlaceDialog
          title="New article"
          submit="Create draft"
          folders={folders}
          withTitle
          initial={{ folder: open ? folderOf(open.slug) : (folders[0] ?? ''), name: '' }}
          busy={busy}
          error={modalError}
          onClose={closeModal}
          onSubmit={(slug, title) =>
            void act(async () => {
              await api.save(slug, NEW_ARTICLE(title), null);
              await refresh();
              setOpen(await api.read(slug));
            })
          }
        />
      )}
      {modal?.kind === 'move' && open && (
        <PlaceDialog
          title="Rename or move"
          submit="Move"
          folders={folders}
          withTitle={false}
          initial={{ folder: folderOf(open.slug), name: open.slug.split('/').pop() ?? '' }}
          busy={busy}
          error={modalError}
          onClose={closeModal}
          onSubmit={(slug) =>
            void act(async () => {
              await api.move(open.slug, slug, open.version);
              await refresh();
              setOpen(await api.read(slug));
            })
          }
        />
      )}
      {modal?.kind === 'delete' && open && (
        <ConfirmDialog
          title="Delete this article?"
          message={`“${open.relPath}” will be removed from the knowledge base and from the help centre.`}
          confirm="Delete"
          busy={busy}
          error={modalError}
          onClose={closeModal}
          onConfirm={() =>
            void act(async () => {
              await api.remove(open.slug, open.version);
              keepDraft(open.slug, null);
              setOpen(null);
              setDirty(false);
              await refresh();
            })
          }
        />
      )}
      {modal?.kind === 'discard' && (
        <ConfirmDialog
          title="Discard your changes?"
          message="This article has changes that are not saved."
          confirm="Discard changes"
          onClose={closeModal}
          onConfirm={() => {
            const { then } = modal;
            if (open) keepDraft(open.slug, null);
            setModal(null);
            setDirty(false);
            then();
          }}
        />
      )}
    </section>
  );
}
