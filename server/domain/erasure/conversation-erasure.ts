import type { Logger } from '../../lib/logger.ts';
import { ErrorCode } from '../../protocol/errors.ts';
import type { Store } from '../../storage/store.ts';
import type { ConversationEvents } from '../conversations/core.ts';
import type { Emitter } from '../emitter.ts';
import { DomainError } from '../errors.ts';

/** Deletes one kind of data a conversation left outside the database (its files); the number deleted. */
export type Eraser = (conversationId: string) => Promise<number>;

/**
 * Erases a closed conversation for good (a GDPR erasure request, or data kept too long): first what it left
 * outside the database (its files, through each registered eraser), then its rows. If the files cannot be
 * deleted, the rows stay and the erasure can be asked again; erasing twice is harmless.
 */
export class ConversationErasure {
  private readonly erasers: Eraser[] = [];

  constructor(
    private readonly deps: {
      store: Store;
      eraseRows: (conversationId: string) => Promise<boolean>;
      /** Conversations closed before an instant (ISO), oldest first. */
      closedBefore: (iso: string, limit: number) => Promise<string[]>;
      logger: Logger;
      events: Emitter<ConversationEvents>;
    },
  ) {}

  /** Whatever keeps a conversation's data elsewhere (the attachments' storage) says how to delete it. */
  onErase(eraser: Eraser): void {
    this.erasers.push(eraser);
  }

  async erase(conversationId: string, by: string): Promise<{ files: number }> {
    const c = await this.deps.store.conversations.byId(conversationId);
    if (!c) throw new DomainError(ErrorCode.notFound, 'No such conversation');
    if (c.status !== 'closed') {
      throw new DomainError(ErrorCode.conflict, 'Close the conversation before erasing it');
    }
    let files = 0;
    for (const erase of this.erasers) files += await erase(conversationId);
    await this.deps.eraseRows(conversationId);
    this.deps.events.emit('conversation.erased', { conversationId });
    this.deps.logger.info({ conversationId, files, by }, 'conversation erased');
    return { files };
  }

  /** Erases up to `limit` conversations closed before `iso` (a retention period); how many it erased. */
  async eraseClosedBefore(iso: string, limit = 100): Promise<number> {
    let n = 0;
    for (const id of await this.deps.closedBefore(iso, limit)) {
      try {
        await this.erase(id, 'retention');
        n += 1;
      } catch (err) {
        // Another node erased it first, or its files could not be deleted yet: the next pass tries again.
        this.deps.logger.warn({ err, conversationId: id }, 'retention could not erase a conversation');
      }
    }
    return n;
  }
}
