import type { AttachmentRef } from '../../server/protocol/dto.ts';
import { readJson, writeJson } from '../ui/storage.ts';

export { isTransient, retryDelay } from '../ui/outbox.ts';

/** A message typed but not yet acknowledged. `failed`: the server refused it for good; only Retry sends it again. */
export interface PendingMessage {
  clientId: string;
  text: string;
  failed: boolean;
  /** The offline form's address, sent with `conversation:start`. */
  email?: string;
  name?: string;
  /** Files already uploaded to the conversation, sent with the message (once, like the message). */
  attachments?: AttachmentRef[];
}

/**
 * The outbox and the draft live in sessionStorage: they survive a reload of this tab. Not localStorage, where a
 * second tab would send the same first message as a second conversation:start.
 */
export function createOutboxStorage(key: string | null) {
  return {
    load: (): PendingMessage[] => (key ? (readJson<PendingMessage[]>(key, 'sessionStorage') ?? []) : []),
    save: (list: PendingMessage[]) => {
      if (key) writeJson(key, list.length ? list : null, 'sessionStorage');
    },
  };
}
