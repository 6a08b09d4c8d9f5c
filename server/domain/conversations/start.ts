import { ErrorCode } from '../../protocol/errors.ts';
import type { ConversationStartInput } from '../../protocol/schemas.ts';
import type { ConversationRow, MessageRow, Store, VisitorRow } from '../../storage/store.ts';
import { DomainError } from '../errors.ts';
import type { ConversationDeps, Core } from './core.ts';
import { previewOf } from './views.ts';

export interface Started {
  conversation: ConversationRow;
  message: MessageRow;
}

/** The conversation a start with this client id opened, with the message it was opened with. */
async function startedBy(store: Store, visitorId: string, clientId: string): Promise<Started | undefined> {
  const conversation = await store.conversations.byStartClientId(visitorId, clientId);
  if (!conversation) return undefined;
  const [message] = await store.messages.since(conversation.id, 0, 1);
  return message && { conversation, message };
}

/**
 * The queue holds at most `queueLimit` visitors waiting live: past it a live start is refused with queue_full.
 * (The widget offers the message-and-email form then; a message left that way is `offline`, outside the queue,
 * and bounded by the per-visitor and per-address start limits instead.)
 */
async function assertQueueRoom(deps: ConversationDeps): Promise<void> {
  if (!deps.queueLimit) return;
  const room = await deps.queueLimit();
  // Counted, not read: a long queue is what this check is for, and reading it whole made every start pay for it.
  if ((await deps.store.conversations.waitingCount()) >= room) {
    throw new DomainError(
      ErrorCode.queueFull,
      'Every place in the queue is taken; leave a message with your email, or try again shortly',
    );
  }
}

/**
 * A visitor's first message opens a conversation. All or nothing: the conversation, its first message, its
 * events and what the visitor told about themselves land in one transaction. Idempotent: a retried start,
 * or two with the same client id at once (two tabs, a retry racing the first try), opens one conversation,
 * and every one of them is answered with it.
 */
export async function startConversation(
  core: Core,
  visitor: VisitorRow,
  input: ConversationStartInput,
  offline = false,
): Promise<Started> {
  const known = await startedBy(core.deps.store, visitor.id, input.clientId);
  if (known) return known;
  if (!offline) await assertQueueRoom(core.deps);
  return core.write(async (tx, facts) => {
    const now = core.now();
    const conversation: ConversationRow = {
      id: core.deps.ids.id(),
      visitorId: visitor.id,
      status: offline ? 'offline' : 'waiting',
      agentId: null,
      lastSeq: 0,
      preview: previewOf(input.text),
      trail: input.trail ?? [],
      visitorReadSeq: 0,
      agentReadSeq: 0,
      visitorDeliveredSeq: 0,
      agentDeliveredSeq: 0,
      rating: null,
      ratingComment: null,
      // An offline message waits for no one in particular: no wait clock, no wait colours.
      waitingSince: offline ? null : now,
      lastMessageAt: now,
      closedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await tx.conversations.create({ ...conversation, startClientId: input.clientId }))) {
      // The same start won a moment ago (the store waited for it to commit): its conversation is the answer.
      const won = await startedBy(tx, visitor.id, input.clientId);
      if (!won) throw new Error('a start with this client id was stored without its message');
      return won;
    }
    if (input.name !== undefined || input.email !== undefined || input.context) {
      // A name or email other than the one proved by identify() is the visitor's word only: unverified.
      const renamed =
        (input.name !== undefined && input.name !== visitor.name) ||
        (input.email !== undefined && input.email.toLowerCase() !== visitor.email);
      await tx.visitors.update(visitor.id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.email !== undefined ? { email: input.email.toLowerCase() } : {}),
        ...(renamed ? { verified: false } : {}),
        ...(input.context ? { context: input.context as Record<string, string>, lastSeenAt: now } : {}),
      });
    }
    await tx.events.add(conversation.id, 'created', null, { trail: conversation.trail.length }, now);
    // What the visitor searched before asking a person tells editors what to write next.
    for (const step of input.trail ?? []) {
      if (step.kind === 'search') await tx.searches.add(step.query, step.resultCount, visitor.id, now, true);
    }
    facts.changed(conversation, 'created');
    // Created just now in this transaction: no earlier message to look for under this client id.
    const message = facts.created(
      await tx.messages.append(
        core.newMessage(conversation.id, {
          clientId: input.clientId,
          author: 'visitor',
          authorId: visitor.id,
          authorName: input.name ?? visitor.name,
          text: input.text,
        }),
        { fresh: true },
      ),
    );
    return { conversation: { ...conversation, lastSeq: message.seq }, message };
  });
}
