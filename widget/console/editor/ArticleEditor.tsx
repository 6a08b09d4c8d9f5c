import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ConflictPanel } from './ConflictPanel.tsx';
import { keepDraft, startingPoint } from './drafts.ts';
import { type ArticleSource, type EditorApi, EditorApiError, type Problem } from './editor-api.ts';
import { FrontMatterFields } from './FrontMatterFields.tsx';
import { type Fields, joinArticle, splitArticle } from './front-matter.ts';
import { HistoryPanel } from './HistoryPanel.tsx';
import { ImageButton } from './ImageButton.tsx';
import { Preview } from './Preview.tsx';

interface Props {
  api: EditorApi;
  source: ArticleSource;
  categories: string[];
  onSaved: (source: ArticleSource) => void;
  onDirty: (dirty: boolean) => void;
  onMove: () => void;
  onDelete: () => void;
  onFailure: (err: unknown) => void;
}

/**
 * One article: its details as a form, its Markdown body, a live preview rendered by the server exactly as
 * visitors see it, and Save (Ctrl+S), which the server checks and refuses with the reason at the line.
 */
export function ArticleEditor({
  api,
  source,
  categories,
  onSaved,
  onDirty,
  onMove,
  onDelete,
  onFailure,
}: Props) {
  const [start] = useState(() => startingPoint(source));
  const [text, setText] = useState(start.text);
  const [base, setBase] = useState(source);
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState<string | null>(
    start.restored ? 'Your unsaved changes to this article were kept.' : null,
  );
  const [refusal, setRefusal] = useState<{
    message: string;
    issues: Array<{ path: string; message: string }>;
  } | null>(null);
  const [theirs, setTheirs] = useState<ArticleSource | null>(start.theirs);
  const [restoredFrom, setRestoredFrom] = useState<string | undefined>(undefined);
  const [showHistory, setShowHistory] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const split = splitArticle(text);
  const dirty = text !== base.text;

  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  useEffect(
    () => keepDraft(source.slug, dirty ? { text, version: base.version } : null),
    [source.slug, dirty, text, base.version],
  );

  // A change on disk is noticed while editing (every 10 s, and when the window gets focus back): with nothing
  // unsaved the new version simply loads; with unsaved changes it is offered as a merge.
  const latest = useRef({ base, dirty, theirs });
  latest.current = { base, dirty, theirs };
  useEffect(() => {
    const look = () =>
      Promise.resolve()
        .then(() => api.read(source.slug))
        .then(
          (disk) => {
            const now = latest.current;
            if (disk.version === now.base.version || now.theirs?.version === disk.version) return;
            if (now.dirty) setTheirs(disk);
            else {
              setBase(disk);
              setText(disk.text);
              setNote('Someone saved a newer version: it is shown now.');
            }
          },
          () => undefined,
        );
    const timer = setInterval(look, 10_000);
    window.addEventListener('focus', look);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', look);
    };
  }, [api, source.slug]);

  const setFields = (fields: Fields) => setText(joinArticle({ ...split, fields }));
  const setBody = (body: string) => setText(text.slice(0, text.length - split.body.length) + body);
  const bodyOffset = text.split('\n').length - split.body.split('\n').length;

  const save = useCallback(async () => {
    if (saving) return;
    setSaving(true);
    setNote(null);
    setRefusal(null);
    try {
      const saved = await api.save(source.slug, text, base.version, restoredFrom);
      const next = { ...base, text, version: saved.version };
      setBase(next);
      setTheirs(null);
      setRestoredFrom(undefined);
      setNote(
        split.fields.draft ? 'Saved as a draft: visitors do not see it yet.' : 'Saved. Visitors see it now.',
      );
      onSaved(next);
    } catch (err) {
      if (err instanceof EditorApiError && err.status === 409) {
        api.read(source.slug).then(setTheirs, onFailure);
      } else if (err instanceof EditorApiError && err.status === 400) {
        setRefusal({ message: err.message, issues: err.issues });
      } else onFailure(err);
    } finally {
      setSaving(false);
    }
  }, [api, base, onFailure, onSaved, restoredFrom, saving, source.slug, split.fields.draft, text]);

  const goToLine = (line: number) => {
    const area = bodyRef.current;
    if (!area) return;
    const bodyLine = Math.max(1, line - bodyOffset);
    const lines = split.body.split('\n');
    const start = lines.slice(0, bodyLine - 1).join('\n').length + (bodyLine > 1 ? 1 : 0);
    area.focus();
    area.setSelectionRange(start, start + (lines[bodyLine - 1]?.length ?? 0));
  };

  const insertAtCursor = (snippet: string) => {
    const area = bodyRef.current;
    const at = area ? area.selectionStart : split.body.length;
    const body = `${split.body.slice(0, at)}${snippet}${split.body.slice(at)}`;
    setBody(body);
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(at + snippet.length, at + snippet.length);
    });
  };

  /** An image pasted or dropped into the Markdown goes up like one chosen with Insert image. */
  const dropImage = (files: FileList | null | undefined, e: Event) => {
    const file = [...(files ?? [])].find((f) => f.type.startsWith('image/'));
    if (!file) return;
    e.preventDefault();
    api.uploadImage(file, file.name || 'pasted-image.png').then((r) => insertAtCursor(r.markdown), onFailure);
  };

  return (
    <form
      class="form article-editor"
      aria-label={`Edit ${split.fields.title || source.slug}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          void save();
        }
      }}
    >
      <div class="editor-bar">
        <p class="muted editor-path">
          <span class="mono">{base.relPath}</span>
          {dirty ? ' · unsaved changes' : ''}
        </p>
        <div class="row-actions">
          <button
            type="button"
            class="btn btn-small"
            aria-expanded={showHistory}
            onClick={() => setShowHistory(!showHistory)}
          >
            History
          </button>
          <button type="button" class="btn btn-small" onClick={onMove} disabled={dirty}>
            Rename or move
          </button>
          <button type="button" class="btn btn-small btn-danger" onClick={onDelete}>
            Delete
          </button>
          <button
            type="submit"
            class="btn btn-primary"
            disabled={saving || !dirty}
            aria-keyshortcuts="Control+S"
          >
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </div>
      <p class="editor-note" role="status">
        {note}
      </p>
      {refusal && (
        <div class="refusal" role="alert">
          <p>
            <strong>{refusal.message}</strong>
          </p>
          <ul>
            {refusal.issues.map((i) => (
              <li key={`${i.path}${i.message}`}>
                <button
                  type="button"
                  class="link-btn inline-link"
                  onClick={() => goToLine(Number(i.path.replace(/\D+/g, '')))}
                >
                  {i.path}
                </button>
                : {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {theirs && (
        <ConflictPanel
          theirs={theirs}
          mine={text}
          onTakeTheirs={() => {
            setBase(theirs);
            setText(theirs.text);
            setTheirs(null);
          }}
          onKeepMine={() => {
            setBase(theirs);
            setTheirs(null);
            setNote('Your text is kept. Merge what you need from their version, then save.');
          }}
        />
      )}
      {showHistory && (
        <HistoryPanel
          api={api}
          slug={source.slug}
          current={base.version}
          onError={onFailure}
          onRestore={(old, id) => {
            setText(old);
            setRestoredFrom(id.slice(0, 12));
            setNote('That version is in the editor. Check it, then save to restore it.');
          }}
        />
      )}
      <FrontMatterFields fields={split.fields} categories={categories} onChange={setFields} />
      <div class="editor-panes">
        <div class="field editor-body">
          <div class="editor-body-head">
            <label for="article-body">Article (Markdown)</label>
            <ImageButton api={api} onInserted={insertAtCursor} onError={onFailure} />
          </div>
          <textarea
            id="article-body"
            ref={bodyRef}
            class="mono"
            rows={22}
            spellcheck
            value={split.body}
            onInput={(e) => setBody(e.currentTarget.value)}
            onPaste={(e) => dropImage(e.clipboardData?.files, e)}
            onDrop={(e) => dropImage(e.dataTransfer?.files, e)}
          />
        </div>
        <Preview
          api={api}
          slug={source.slug}
          text={text}
          description={split.fields.description}
          onLine={goToLine}
        />
      </div>
    </form>
  );
}

export type { Problem };
