import type { AttachmentLabels } from './labels.ts';
import { formatSize, type UploadErrorCode } from './upload.ts';

/** Errors a retry cannot mend: the same bytes would be refused again. */
const FINAL = new Set(['too_large', 'type_not_allowed', 'infected']);

export interface UploadItem {
  key: string;
  name: string;
  size: number;
  /** 0..1 while uploading; 1 when done. */
  progress: number;
  error?: Exclude<UploadErrorCode, 'cancelled'> | undefined;
  done?: boolean;
  /** Chosen before there is a conversation: it uploads once the message has started one. */
  waiting?: boolean;
}

/** Each file being attached: its progress (a real progressbar), Cancel while it goes, the error and Retry if it failed. */
export function UploadList({
  items,
  labels,
  onCancel,
  onRetry,
}: {
  items: UploadItem[];
  labels: AttachmentLabels;
  onCancel: (key: string) => void;
  onRetry: (key: string) => void;
}) {
  if (items.length === 0) return null;
  return (
    <ul class="upload-list">
      {items.map((item) => {
        const percent = Math.round(item.progress * 100);
        return (
          <li key={item.key} class={`upload-item${item.error ? ' upload-failed' : ''}`}>
            <span class="upload-name" dir="auto">
              {item.name}
            </span>
            <span class="upload-size">{formatSize(item.size)}</span>
            {item.error ? (
              <>
                <span class="upload-error" role="alert">
                  {labels.errors[item.error]}
                </span>
                {!FINAL.has(item.error) && (
                  <button type="button" class="link-btn" onClick={() => onRetry(item.key)}>
                    {labels.retry}
                  </button>
                )}
                <button type="button" class="link-btn" onClick={() => onCancel(item.key)}>
                  {labels.remove}
                </button>
              </>
            ) : item.waiting ? (
              <>
                <span class="upload-waiting">{labels.waiting}</span>
                <button type="button" class="link-btn" onClick={() => onCancel(item.key)}>
                  {labels.remove}
                </button>
              </>
            ) : (
              <>
                <progress max={100} value={percent} aria-label={labels.uploading(item.name, percent)} />
                {!item.done && (
                  <button type="button" class="link-btn" onClick={() => onCancel(item.key)}>
                    {labels.cancel}
                  </button>
                )}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
