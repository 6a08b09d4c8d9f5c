// The lazily loaded part of the widget's attachments: loaded only when a message with files is shown.

export { AttachmentView } from './AttachmentView.tsx';
export { default as css } from './attachments.css?inline';
export { englishAttachmentLabels } from './labels.ts';
export { labelsFor } from './labels-i18n.ts';
