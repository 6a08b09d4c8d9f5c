import type { AttachmentRef } from '../../../server/protocol/dto.ts';

/** What went wrong with one upload, as the visitor is told it. */
export type UploadErrorCode =
  | 'too_large'
  | 'type_not_allowed'
  | 'rate_limited'
  | 'infected'
  | 'failed'
  | 'cancelled';

export class UploadError extends Error {
  constructor(readonly code: UploadErrorCode) {
    super(code);
    this.name = 'UploadError';
  }
}

export interface UploadInput {
  /** Parley's base URL (no trailing slash). */
  base: string;
  conversationId: string;
  file: Blob & { name?: string };
  /** The visitor token (widget) or nothing (the console sends its session cookie). */
  token?: string | undefined;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface Uploaded {
  attachment: AttachmentRef;
  url: string;
  expiresAt: number;
}

const CODES: Record<number, UploadErrorCode> = {
  413: 'too_large',
  415: 'type_not_allowed',
  422: 'infected',
  429: 'rate_limited',
};

/** Uploads one file's bytes with progress; cancelling (the signal) rejects with `cancelled`. */
export function uploadFile(input: UploadInput): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const name = encodeURIComponent(input.file.name ?? 'file');
    xhr.open(
      'POST',
      `${input.base}/api/attachments/${encodeURIComponent(input.conversationId)}?name=${name}`,
    );
    if (input.token) xhr.setRequestHeader('Authorization', `Bearer ${input.token}`);
    else xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) input.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 200 || xhr.status === 201) {
        try {
          input.onProgress?.(1);
          resolve(JSON.parse(xhr.responseText) as Uploaded);
        } catch {
          reject(new UploadError('failed'));
        }
      } else reject(new UploadError(CODES[xhr.status] ?? 'failed'));
    };
    xhr.onerror = () => reject(new UploadError('failed'));
    xhr.onabort = () => reject(new UploadError('cancelled'));
    input.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    if (input.signal?.aborted) return reject(new UploadError('cancelled'));
    xhr.send(input.file);
  });
}

/** "2.4 MB", "830 KB", "12 bytes". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
