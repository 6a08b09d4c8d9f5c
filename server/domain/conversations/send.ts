import type { AttachmentRef } from '../../protocol/dto.ts';
import { ErrorCode } from '../../protocol/errors.ts';
import type { AgentRow, MessageRow, VisitorRow } from '../../storage/store.ts';
import { DomainError } from '../errors.ts';
import type { Core, MessageInput } from './core.ts';
import type { Lifecycle } from './lifecycle.ts';

/** A message from a visitor or an agent: who may write where, and when a visitor's message reopens. */
export class Sending {
  constructor(
    private readonly core: Core,
    private readonly lifecycle: Lifecycle,
  ) {}

  async fromVisitor(
    visitor: VisitorRow,
    input: {
      conversationId: string;
      clientId: string;
      text: string;
      attachments?: AttachmentRef[] | undefined;
    },
    /** The socket it came from (its acknowledgement carries the message). */
    origin?: string,
  ): Promise<MessageRow> {
    const { core } = this;
    const m: MessageInput = {
      clientId: input.clientId,
      author: 'visitor',
      authorId: visitor.id,
      authorName: visitor.name,
      text: input.text,
      ...(input.attachments?.length ? { system: { files: input.attachments } } : {}),
    };
    // The common case in one write: the visitor's own, open conversation (checked by the write itself).
    const stored = await core.writeOne(async (store, facts) => {
      const guard = { visitorId: visitor.id, open: true };
      const done = await store.messages.appendIf(core.newMessage(input.conversationId, m), guard);
      return done && facts.created(done, origin);
    });
    if (stored) return stored;
    // Closed: a message soon after the close reopens it (to the queue), in the same transaction.
    return core.write(async (tx, facts) => {
      let c = await core.own(tx, visitor.id, input.conversationId);
      if (c.status === 'closed') {
        const window = core.deps.reopenWindowMs ?? 24 * 3600 * 1000;
        const closedAt = c.closedAt ? Date.parse(c.closedAt) : 0;
        if (core.deps.clock.now().getTime() - closedAt > window) {
          throw new DomainError(ErrorCode.conversationClosed, 'This conversation is closed; start a new one');
        }
        c = await this.lifecycle.reopenIn(tx, facts, c, null);
      }
      return core.append(tx, facts, c.id, m);
    });
  }

  async fromAgent(
    agent: AgentRow,
    input: {
      conversationId: string;
      clientId: string;
      text: string;
      internal?: boolean | undefined;
      /** An inserted knowledge-base article: stored with the reply, so the widget can open it inline. */
      article?: { slug: string; title: string } | undefined;
      /** Files uploaded to the conversation first; stored with the message, so a retried send never doubles them. */
      attachments?: AttachmentRef[] | undefined;
    },
  ): Promise<MessageRow> {
    const { core } = this;
    const c = await core.get(core.deps.store, input.conversationId);
    if (c.status === 'closed' && !input.internal) {
      throw new DomainError(ErrorCode.conversationClosed, 'Reopen the conversation to reply');
    }
    const m: MessageInput = {
      clientId: input.clientId,
      author: input.internal ? 'note' : 'agent',
      authorId: agent.id,
      authorName: agent.name,
      text: input.text,
      ...(input.article || input.attachments?.length
        ? {
            system: {
              ...(input.article ? { kind: 'article', ...input.article } : {}),
              ...(input.attachments?.length ? { files: input.attachments } : {}),
            },
          }
        : {}),
    };
    return core.writeOne((store, facts) => core.append(store, facts, c.id, m));
  }
}
