// The lazily loaded part of sending files from the widget: loaded the first time the visitor attaches one.
export { default as css } from './attachments.css?inline';
export { englishAttachmentLabels } from './labels.ts';
export { labelsFor } from './labels-i18n.ts';
export { UploadList } from './UploadList.tsx';
export { uploadFile } from './upload.ts';
