import type { UploadErrorCode } from './upload.ts';

/** Everything the attachment controls say; English by default, each client passes its own language. */
export interface AttachmentLabels {
  attach: string;
  dropHere: string;
  cancel: string;
  retry: string;
  remove: string;
  close: string;
  openImage: (name: string) => string;
  download: (name: string) => string;
  uploading: (name: string, percent: number) => string;
  errors: Record<Exclude<UploadErrorCode, 'cancelled'>, string>;
}

export const englishAttachmentLabels: AttachmentLabels = {
  attach: 'Attach files',
  dropHere: 'Drop files to attach them',
  cancel: 'Cancel',
  retry: 'Retry',
  remove: 'Remove',
  close: 'Close',
  openImage: (name) => `Open ${name} full size`,
  download: (name) => `Download ${name}`,
  uploading: (name, percent) => `${name}: ${percent}%`,
  errors: {
    too_large: 'Too large',
    type_not_allowed: 'This type of file is not allowed',
    rate_limited: 'Too many files at once; try again in a minute',
    failed: 'Upload failed',
  },
};

/** The types the server accepts, for the file picker (the server decides by content anyway). */
export const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain';
