import { useRef, useState } from 'preact/hooks';
import type { EditorApi } from './editor-api.ts';

const MAX_BYTES = 2 * 1024 * 1024;

/** Uploads a picture into the knowledge base's images/ folder and inserts its Markdown at the cursor. */
export function ImageButton({
  api,
  onInserted,
  onError,
}: {
  api: EditorApi;
  onInserted: (markdown: string) => void;
  onError: (err: unknown) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<string>('');
  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) {
      setState(`${file.name} is larger than 2 MB.`);
      return;
    }
    setState(`Uploading ${file.name}…`);
    try {
      const { markdown } = await api.uploadImage(file, file.name);
      onInserted(markdown);
      setState(`${file.name} inserted.`);
    } catch (err) {
      setState('');
      onError(err);
    }
  };
  return (
    <span class="image-button">
      <button type="button" class="btn btn-small" onClick={() => input.current?.click()}>
        Insert image
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="Image to insert"
        accept="image/png,image/jpeg,image/gif,image/webp"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) void upload(file);
        }}
      />
      <span class="muted" role="status">
        {state}
      </span>
    </span>
  );
}
