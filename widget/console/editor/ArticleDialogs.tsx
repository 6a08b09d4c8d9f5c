import { useState } from 'preact/hooks';
import { slugifySegment as slugify } from '../../../server/domain/knowledge-base/slug.ts';
import { Dialog } from '../Dialog.tsx';

interface PlaceProps {
  title: string;
  submit: string;
  folders: string[];
  /** The title field (new article) or the file name field (rename). */
  withTitle: boolean;
  initial: { folder: string; name: string };
  busy: boolean;
  error: string | null;
  onSubmit: (slug: string, title: string) => void;
  onClose: () => void;
}

/** Where an article lives: its folder (its category) and its file name, which make its web address. */
export function PlaceDialog({
  title,
  submit,
  folders,
  withTitle,
  initial,
  busy,
  error,
  onSubmit,
  onClose,
}: PlaceProps) {
  const [folder, setFolder] = useState(initial.folder);
  const [name, setName] = useState(initial.name);
  const [heading, setHeading] = useState('');
  const [touched, setTouched] = useState(false);
  const fileName = withTitle && !touched ? slugify(heading) : name;
  const folderSlug = folder.split('/').map(slugify).filter(Boolean).join('/');
  const slug = [folderSlug, slugify(fileName)].filter(Boolean).join('/');
  const from = [initial.folder, initial.name].filter(Boolean).join('/');
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (slugify(fileName)) onSubmit(slug, heading.trim());
        }}
      >
        {withTitle && (
          <div class="field">
            <label for="place-title">Title</label>
            <input
              id="place-title"
              required
              value={heading}
              onInput={(e) => setHeading(e.currentTarget.value)}
            />
          </div>
        )}
        <div class="field">
          <label for="place-folder">Folder</label>
          <input
            id="place-folder"
            list="place-folders"
            value={folder}
            aria-describedby="place-folder-hint"
            onInput={(e) => setFolder(e.currentTarget.value)}
          />
          <datalist id="place-folders">
            {folders.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
          <small id="place-folder-hint">The category folder; a new name makes a new folder.</small>
        </div>
        <div class="field">
          <label for="place-name">File name</label>
          <input
            id="place-name"
            required
            value={fileName}
            onInput={(e) => {
              setTouched(true);
              setName(e.currentTarget.value);
            }}
          />
        </div>
        <p class="muted">
          Web address: <span class="mono">/kb/{slug || '…'}</span>
        </p>
        {!withTitle && from && slug && slug !== from && (
          <p class="muted">
            The old address, <span class="mono">/kb/{from}</span>, will lead here (the move adds it to the
            article's aliases).
          </p>
        )}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="row-actions">
          <button type="submit" class="btn btn-primary" disabled={busy || !slugify(fileName)}>
            {submit}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Asks before a destructive or lossy step; the safe choice has the focus first. */
export function ConfirmDialog({
  title,
  message,
  confirm,
  busy = false,
  error = null,
  onConfirm,
  onClose,
}: {
  title: string;
  message: string;
  confirm: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog title={title} onClose={onClose}>
      <p>{message}</p>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="row-actions">
        <button type="button" class="btn" onClick={onClose}>
          Cancel
        </button>
        <button type="button" class="btn btn-danger" disabled={busy} onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </Dialog>
  );
}
