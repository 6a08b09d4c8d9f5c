import { vi } from 'vitest';

/**
 * Answers uploads as the server would (no network in component tests): one status per upload in order (201 once
 * `statuses` runs out), each a stored `attachment` of the given id and type. Returns the URLs asked for, in order.
 */
export function fakeUploads(attachment: { id: string; type: string }, statuses: number[] = []) {
  const sent: string[] = [];
  class FakeXhr {
    status = 0;
    responseText = '';
    withCredentials = false;
    upload: { onprogress?: (e: { lengthComputable: boolean; loaded: number; total: number }) => void } = {};
    onload?: () => void;
    onerror?: () => void;
    onabort?: () => void;
    private url = '';
    open(_m: string, url: string) {
      this.url = url;
    }
    setRequestHeader() {}
    abort() {
      this.onabort?.();
    }
    send(file: File) {
      sent.push(this.url);
      const status = statuses.shift() ?? 201;
      queueMicrotask(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: file.size, total: file.size });
        this.status = status;
        this.responseText = JSON.stringify({
          attachment: { id: attachment.id, name: file.name, type: attachment.type, size: file.size },
          url: '/api/attachments/f/x',
          expiresAt: 1,
        });
        this.onload?.();
      });
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return sent;
}
