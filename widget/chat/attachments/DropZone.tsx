import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { AttachmentLabels } from './labels.ts';

/** Files dropped on it or pasted into it (an image copied to the clipboard) are handed on; text pastes as usual. */
export function DropZone({
  labels,
  onFiles,
  children,
}: {
  labels: AttachmentLabels;
  onFiles: (files: File[]) => void;
  children: ComponentChildren;
}) {
  const [over, setOver] = useState(false);
  const hasFiles = (dt: DataTransfer | null) => !!dt && [...dt.types].includes('Files');
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping and pasting are shortcuts; the paperclip button does the same from the keyboard
    <div
      class={`drop-zone${over ? ' drop-over' : ''}`}
      onDragOver={(e) => {
        if (!hasFiles(e.dataTransfer)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const files = [...(e.dataTransfer?.files ?? [])];
        if (files.length === 0) return;
        e.preventDefault();
        onFiles(files);
      }}
      onPaste={(e) => {
        const files = [...(e.clipboardData?.items ?? [])]
          .filter((i) => i.kind === 'file')
          .map((i) => i.getAsFile())
          .filter((f): f is File => f !== null);
        if (files.length === 0) return;
        e.preventDefault();
        onFiles(files);
      }}
    >
      {children}
      {over && (
        <p class="drop-hint" role="status">
          {labels.dropHere}
        </p>
      )}
    </div>
  );
}
