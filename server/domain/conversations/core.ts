import type { Clock } from '../../lib/clock.ts';
import type { Ids } from '../../lib/ids.ts';
import type {
  AppendResult,
  ConversationRow,
  MessageRow,
  NewMessage,
  Store,
  VisitorRow,
} from '../../storage/store.ts';
import type { Emitter } from '../emitter.ts';
import { notFound } from '../errors.ts';

export type ChangeKind =
  | 'created'
  | 'assigned'
  | 'transferred'
  | 'closed'
  | 'reopened'
  | 'rated'
  | 'read'
  | 'delivered';

/** Changes that leave the queue as it was (no positions move, nobody is assigned). */
export const quietChange = (kind: ChangeKind) => kind === 'read' || kind === 'rated' || kind === 'delivered';

/** Facts the conversation domain announces; the realtime layer turns them into socket events. */
export type ConversationEvents = {
  /**
   * `origin`: the socket the message came from, which has it already in its acknowledgement (not sent it again).
   */
  'message.created': { message: MessageRow; conversation: ConversationRow; origin?: string };
  /** `by`: whose client reported a read or delivery. */
  'conversation.changed': { conversation: ConversationRow; kind: ChangeKind; by?: 'visitor' | 'agent' };
  /** Stored: the visitor's page history, current page, name or email changed. */
  'visitor.changed': { visitor: VisitorRow };
  /** Erased for good (an erasure request or the retention period): consoles drop it from their lists. */
  'conversation.erased': { conversationId: string };
};

export interface ConversationDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  events: Emitter<ConversationEvents>;
  /** How long after a close a new visitor message reopens the conversation instead of being refused. */
  reopenWindowMs?: number;
  /** The workspace's queue limit (settings.routing.queueLimit); no limit when absent. */
  queueLimit?: () => Promise<number>;
}

export type MessageInput = Omit<NewMessage, 'id' | 'conversationId' | 'createdAt'>;

/** What a command announces, held until the transaction that made it has committed (and dropped if not). */
export class Facts {
  private readonly pending: Array<() => void> = [];

  constructor(private readonly core: Core) {}

  changed(conversation: ConversationRow, kind: ChangeKind, by?: 'visitor' | 'agent') {
    this.pending.push(() => this.core.changed(conversation, kind, by));
  }

  /** A stored message (not a retry's), with the conversation as the store left it; returns the message. */
  created({ message, created, conversation }: AppendResult, origin?: string): MessageRow {
    if (created && conversation)
      this.pending.push(() =>
        this.core.deps.events.emit('message.created', {
          message,
          conversation,
          ...(origin !== undefined ? { origin } : {}),
        }),
      );
    return message;
  }

  announce() {
    for (const tell of this.pending.splice(0)) tell();
  }
}

/** What every conversation command shares: the clock, lookups, and writing in one transaction. */
export class Core {
  constructor(
    readonly deps: ConversationDeps,
    /** Told of every change before it is announced (caches that it makes stale). */
    private readonly onChange: (kind: ChangeKind, conversation: ConversationRow) => void,
  ) {}

  now() {
    return this.deps.clock.now().toISOString();
  }

  async get(store: Store, id: string): Promise<ConversationRow> {
    const c = await store.conversations.byId(id);
    if (!c) throw notFound('Conversation');
    return c;
  }

  async own(store: Store, visitorId: string, id: string): Promise<ConversationRow> {
    const c = await store.conversations.byId(id);
    // Someone else's conversation looks exactly like a missing one.
    if (!c || c.visitorId !== visitorId) throw notFound('Conversation');
    return c;
  }

  newMessage(conversationId: string, m: MessageInput): NewMessage {
    return { ...m, id: this.deps.ids.id(), conversationId, createdAt: this.now() };
  }

  /** Logs a change in the event log and announces the conversation as it now is (returned). */
  async logged(tx: Store, facts: Facts, id: string, kind: ChangeKind, agentId: string | null, data: unknown) {
    await tx.events.add(id, kind, agentId, data, this.now());
    const fresh = await this.get(tx, id);
    facts.changed(fresh, kind);
    return fresh;
  }

  /** Stores a message with the store given (a transaction's), to be announced with the command's facts. */
  async append(store: Store, facts: Facts, conversationId: string, m: MessageInput): Promise<MessageRow> {
    return facts.created(await store.messages.append(this.newMessage(conversationId, m)));
  }

  changed(conversation: ConversationRow, kind: ChangeKind, by?: 'visitor' | 'agent') {
    this.onChange(kind, conversation);
    this.deps.events.emit('conversation.changed', { conversation, kind, ...(by ? { by } : {}) });
  }

  /**
   * Runs a command's writes in one transaction: all of them land or none does. Inside, `fn` uses only the
   * store it is given. What it announced is told after the commit.
   */
  async write<T>(fn: (tx: Store, facts: Facts) => Promise<T>): Promise<T> {
    const facts = new Facts(this);
    const result = await this.deps.store.transaction((tx) => fn(tx, facts));
    facts.announce();
    return result;
  }

  /** A single write, needing no transaction: what it announces is told at once. */
  async writeOne<T>(fn: (store: Store, facts: Facts) => Promise<T>): Promise<T> {
    const facts = new Facts(this);
    const result = await fn(this.deps.store, facts);
    facts.announce();
    return result;
  }
}
