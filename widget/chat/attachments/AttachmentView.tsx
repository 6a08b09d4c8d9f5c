import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttachmentRef } from '../../../server/protocol/dto.ts';
import type { AttachmentLabels } from './labels.ts';
import { formatSize } from './upload.ts';

/** A signed, expiring URL of one file; `scan: 'clean'` when Parley's virus scan passed it. */
export interface FileLink {
  url: string;
  scan?: 'clean' | undefined;
}

/** Asks Parley for a signed, expiring URL of one file (GET /api/attachments/:conversation/:id/link). */
export type LinkOf = (ref: AttachmentRef) => Promise<string | FileLink>;

/** A message's files: images as thumbnails that open full size, other files as a card with name, type and size. */
export function AttachmentView({
  files,
  linkOf,
  labels,
}: {
  files: AttachmentRef[];
  linkOf: LinkOf;
  labels: AttachmentLabels;
}) {
  return (
    <ul class="msg-files">
      {files.map((f) => (
        <li key={f.id}>
          {f.type.startsWith('image/') ? (
            <Thumbnail file={f} linkOf={linkOf} labels={labels} />
          ) : (
            <FileCard file={f} linkOf={linkOf} labels={labels} />
          )}
        </li>
      ))}
    </ul>
  );
}

function useLink(file: AttachmentRef, linkOf: LinkOf): FileLink {
  const [link, setLink] = useState<FileLink>({ url: '' });
  useEffect(() => {
    let live = true;
    linkOf(file).then(
      (u) => live && setLink(typeof u === 'string' ? { url: u } : u),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [file.id, file.name]);
  return link;
}

/** "Checked for viruses", under a file the scan passed (both sides see it). */
function Scanned({ link, labels }: { link: FileLink; labels: AttachmentLabels }) {
  return link.scan === 'clean' ? <span class="file-scan">{labels.scanned}</span> : null;
}

function Thumbnail({
  file,
  linkOf,
  labels,
}: {
  file: AttachmentRef;
  linkOf: LinkOf;
  labels: AttachmentLabels;
}) {
  const link = useLink(file, linkOf);
  const url = link.url || undefined;
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const closer = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) closer.current?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <>
      <button
        ref={opener}
        type="button"
        class="file-thumb"
        aria-label={labels.openImage(file.name)}
        onClick={() => setOpen(true)}
      >
        {url && <img src={url} alt={file.name} width={file.width} height={file.height} loading="lazy" />}
      </button>
      <Scanned link={link} labels={labels} />
      {open && (
        <div
          class="file-viewer"
          role="dialog"
          aria-modal="true"
          aria-label={file.name}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            // Escape closes the picture only, not the widget panel around it.
            e.stopPropagation();
            close();
          }}
        >
          <button ref={closer} type="button" class="btn file-viewer-close" onClick={close}>
            {labels.close}
          </button>
          {url && <img src={url} alt={file.name} />}
        </div>
      )}
    </>
  );
}

function FileCard({
  file,
  linkOf,
  labels,
}: {
  file: AttachmentRef;
  linkOf: LinkOf;
  labels: AttachmentLabels;
}) {
  const link = useLink(file, linkOf);
  const url = link.url || undefined;
  const kind = file.type === 'application/pdf' ? 'PDF' : labels.textFile;
  return (
    <a
      class="file-card"
      href={url}
      aria-disabled={url ? undefined : 'true'}
      target="_blank"
      rel="noopener noreferrer"
      download={file.name}
      aria-label={labels.download(file.name)}
    >
      <span class="file-name" dir="auto">
        {file.name}
      </span>
      <span class="file-meta">
        {kind} · {formatSize(file.size)}
      </span>
      <Scanned link={link} labels={labels} />
    </a>
  );
}
