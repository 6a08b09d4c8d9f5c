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
  /** A file chosen before the first message: it goes with it. */
  waiting: string;
  /** Shown with a file when Parley's virus scan passed it. */
  scanned: string;
  /** A plain-text file's kind on its card (a PDF is "PDF" in every language). */
  textFile: string;
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
  waiting: 'Goes with your message',
  scanned: 'Checked for viruses',
  textFile: 'Text',
  errors: {
    too_large: 'Too large',
    type_not_allowed: 'This type of file is not allowed',
    rate_limited: 'Too many files at once; try again in a minute',
    failed: 'Upload failed',
    infected: 'Not sent: the virus scan found something in it',
  },
};

/** The paperclip's name in each language the widget speaks (the rest of the labels load with the files). */
const ATTACH: Record<string, string> = {
  es: 'Adjuntar archivos',
  de: 'Dateien anhängen',
  ar: 'إرفاق ملفات',
};
export const attachLabel = (lang: string): string => ATTACH[lang] ?? englishAttachmentLabels.attach;

/** The types the server accepts, for the file picker (the server decides by content anyway). */
export const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain';
