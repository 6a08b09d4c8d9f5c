import type { Clock } from '../../lib/clock.ts';
import type { Ids } from '../../lib/ids.ts';
import { type AgentRef, SystemEventKind, type TrailEntry, type VisitorDTO } from '../../protocol/dto.ts';
import { ErrorCode } from '../../protocol/errors.ts';
import type { AgentConversationDetail, VisitorSyncResult } from '../../protocol/events.ts';
import type { ConversationStartInput, RateInput } from '../../protocol/schemas.ts';
import type {
  AgentRow,
  AppendResult,
  ConversationRow,
  MessageRow,
  NewMessage,
  Store,
  VisitorRow,
} from '../../storage/store.ts';
import type { Emitter } from '../emitter.ts';
import { DomainError, forbidden, notFound } from '../errors.ts';
import {
  agentConversationDTO,
  messageDTO,
  previewOf,
  type QueueFacts,
  visitorConversationDTO,
} from './views.ts';

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
  'message.created': { message: MessageRow; conversation: ConversationRow };
  /** `by`: whose client reported a read or delivery. */
  'conversation.changed': { conversation: ConversationRow; kind: ChangeKind; by?: 'visitor' | 'agent' };
  /** Stored: the visitor's page history, current page, name or email changed. */
  'visitor.changed': { visitor: VisitorRow };
};

export interface ConversationDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  events: Emitter<ConversationEvents>;
  /** How long after a close a new visitor message reopens the conversation instead of being refused. */
  reopenWindowMs?: number;
}

/** Closed conversations whose handling times make the wait estimate. */
export const HANDLING_HISTORY = 20;
const HISTORY_TTL_MS = 10_000;
const AGENT_REF_TTL_MS = 5_000;
const QUEUE_FACTS_TTL_MS = 200;

/** Conversations and their messages: the rules of who may say what, when, and in which order. */
export class Conversations {
  private history: { at: number; times: Promise<number[]> } | undefined;
  private readonly agentRefs = new Map<string, { at: number; ref: AgentRef | null }>();
  private factsMemo: { at: number; facts: Promise<Map<string, QueueFacts>> } | undefined;

  constructor(private readonly deps: ConversationDeps) {}

  private now() {
    return this.deps.clock.now().toISOString();
  }

  private async get(id: string): Promise<ConversationRow> {
    const c = await this.deps.store.conversations.byId(id);
    if (!c) throw notFound('Conversation');
    return c;
  }

  private async own(visitorId: string, id: string): Promise<ConversationRow> {
    const c = await this.deps.store.conversations.byId(id);
    // Someone else's conversation looks exactly like a missing one.
    if (!c || c.visitorId !== visitorId) throw notFound('Conversation');
    return c;
  }

  private newMessage(conversationId: string, m: MessageInput): NewMessage {
    return { ...m, id: this.deps.ids.id(), conversationId, createdAt: this.now() };
  }

  /** Announces a stored message (not a retry's), with the conversation as the store left it. */
  private announce({ message, created, conversation }: AppendResult) {
    if (created && conversation) this.deps.events.emit('message.created', { message, conversation });
    return message;
  }

  private async append(c: ConversationRow, m: MessageInput) {
    return this.announce(await this.deps.store.messages.append(this.newMessage(c.id, m)));
  }

  private changed(conversation: ConversationRow, kind: ChangeKind, by?: 'visitor' | 'agent') {
    // A claim only moves others up: the queue pass that follows reads afresh and tells them. Not re-reading
    // the whole queue for every claim keeps a burst of assignments from reading it once per claim.
    if (kind !== 'assigned' && !quietChange(kind)) this.factsMemo = undefined;
    if (kind === 'closed') this.history = undefined;
    this.deps.events.emit('conversation.changed', { conversation, kind, ...(by ? { by } : {}) });
  }

  async start(visitor: VisitorRow, input: ConversationStartInput) {
    const { store, ids } = this.deps;
    const now = this.now();
    // A retried start (same clientId) must not open a second conversation.
    for (const existing of await store.conversations.forVisitor(visitor.id)) {
      const [first] = await store.messages.since(existing.id, 0, 1);
      if (first?.clientId === input.clientId) return { conversation: existing, message: first };
    }
    if (input.name !== undefined || input.email !== undefined) {
      // A name or email other than the one proved by identify() is the visitor's word only: unverified.
      const renamed =
        (input.name !== undefined && input.name !== visitor.name) ||
        (input.email !== undefined && input.email.toLowerCase() !== visitor.email);
      await store.visitors.update(visitor.id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.email !== undefined ? { email: input.email.toLowerCase() } : {}),
        ...(renamed ? { verified: false } : {}),
      });
    }
    if (input.context)
      await store.visitors.update(visitor.id, {
        context: input.context as Record<string, string>,
        lastSeenAt: now,
      });
    const conversation: ConversationRow = {
      id: ids.id(),
      visitorId: visitor.id,
      status: 'waiting',
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
      waitingSince: now,
      lastMessageAt: now,
      closedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await store.conversations.create(conversation);
    await store.events.add(conversation.id, 'created', null, { trail: conversation.trail.length }, now);
    // What the visitor searched before asking a person tells editors what to write next.
    for (const step of input.trail ?? []) {
      if (step.kind === 'search')
        await store.searches.add(step.query, step.resultCount, visitor.id, now, true);
    }
    this.changed(conversation, 'created');
    const message = await this.append(conversation, {
      clientId: input.clientId,
      author: 'visitor',
      authorId: visitor.id,
      authorName: input.name ?? visitor.name,
      text: input.text,
    });
    return { conversation: { ...conversation, lastSeq: message.seq }, message };
  }

  async sendFromVisitor(
    visitor: VisitorRow,
    input: { conversationId: string; clientId: string; text: string },
  ) {
    const m: MessageInput = {
      clientId: input.clientId,
      author: 'visitor',
      authorId: visitor.id,
      authorName: visitor.name,
      text: input.text,
    };
    // The common case in one write: the visitor's own, open conversation (checked by the write itself).
    const stored = await this.deps.store.messages.appendIf(this.newMessage(input.conversationId, m), {
      visitorId: visitor.id,
      open: true,
    });
    if (stored) return this.announce(stored);
    let c = await this.own(visitor.id, input.conversationId);
    if (c.status === 'closed') {
      const window = this.deps.reopenWindowMs ?? 24 * 3600 * 1000;
      const closedAt = c.closedAt ? Date.parse(c.closedAt) : 0;
      if (this.deps.clock.now().getTime() - closedAt > window) {
        throw new DomainError(ErrorCode.conversationClosed, 'This conversation is closed; start a new one');
      }
      c = await this.reopenRow(c, null);
    }
    return this.append(c, m);
  }

  async sendFromAgent(
    agent: AgentRow,
    input: {
      conversationId: string;
      clientId: string;
      text: string;
      internal?: boolean | undefined;
      article?: { slug: string; title: string } | undefined;
    },
  ) {
    const c = await this.get(input.conversationId);
    if (c.status === 'closed' && !input.internal) {
      throw new DomainError(ErrorCode.conversationClosed, 'Reopen the conversation to reply');
    }
    return this.append(c, {
      clientId: input.clientId,
      author: input.internal ? 'note' : 'agent',
      authorId: agent.id,
      authorName: agent.name,
      text: input.text,
      ...(input.article
        ? { system: { kind: 'article', slug: input.article.slug, title: input.article.title } }
        : {}),
    });
  }

  /** Everything a visitor's client is missing: its conversations and the messages after each `since`. */
  async syncForVisitor(visitorId: string, since: Record<string, number> = {}): Promise<VisitorSyncResult> {
    const rows = await this.deps.store.conversations.forVisitor(visitorId);
    const queue = await this.queueFacts();
    const conversations = [];
    const messages = [];
    for (const c of rows) {
      conversations.push(
        visitorConversationDTO(c, await this.agentRef(c.agentId), queue.get(c.id) ?? NO_QUEUE),
      );
      const after = since[c.id];
      if (after === undefined && c.status === 'closed') continue;
      for (const m of await this.deps.store.messages.since(c.id, after ?? 0)) {
        if (m.author !== 'note') messages.push(messageDTO(m));
      }
    }
    return { conversations, messages };
  }

  async claim(agent: AgentRow, id: string) {
    const now = this.now();
    if (!(await this.deps.store.conversations.claim(id, agent.id, now))) {
      const current = await this.get(id);
      const who = current.agentId ? (await this.agentRef(current.agentId))?.name : null;
      throw new DomainError(
        ErrorCode.alreadyClaimed,
        who ? `Already taken by ${who}` : 'This conversation is no longer waiting',
      );
    }
    await this.deps.store.events.add(id, 'assigned', agent.id, {}, now);
    const fresh = await this.get(id);
    this.changed(fresh, 'assigned');
    await this.append(fresh, {
      clientId: null,
      author: 'system',
      authorId: agent.id,
      authorName: agent.name,
      text: `${agent.name} joined the conversation`,
      system: { kind: SystemEventKind.agentJoined, agentName: agent.name },
    });
    return this.get(id);
  }

  async transfer(agent: AgentRow, id: string, toAgentId: string | null, note?: string) {
    const c = await this.get(id);
    if (c.status === 'closed')
      throw new DomainError(ErrorCode.conversationClosed, 'Reopen the conversation to transfer it');
    const now = this.now();
    let target: AgentRow | undefined;
    if (toAgentId) {
      target = await this.deps.store.agents.byId(toAgentId);
      if (!target || target.disabled || target.role === 'editor') throw notFound('Agent');
    }
    await this.deps.store.conversations.update(id, {
      status: target ? 'assigned' : 'waiting',
      agentId: target?.id ?? null,
      waitingSince: target ? null : now,
      updatedAt: now,
    });
    await this.deps.store.events.add(id, 'transferred', agent.id, { to: target?.id ?? null }, now);
    if (note)
      await this.append(c, {
        clientId: null,
        author: 'note',
        authorId: agent.id,
        authorName: agent.name,
        text: note,
      });
    const fresh = await this.get(id);
    this.changed(fresh, 'transferred');
    return fresh;
  }

  async close(actor: { agent?: AgentRow; visitorId?: string }, id: string) {
    const c = actor.visitorId ? await this.own(actor.visitorId, id) : await this.get(id);
    if (c.status === 'closed') return c;
    const now = this.now();
    await this.deps.store.conversations.update(id, {
      status: 'closed',
      closedAt: now,
      waitingSince: null,
      updatedAt: now,
    });
    await this.deps.store.events.add(
      id,
      'closed',
      actor.agent?.id ?? null,
      { by: actor.agent ? 'agent' : 'visitor' },
      now,
    );
    const fresh = await this.get(id);
    this.changed(fresh, 'closed');
    return fresh;
  }

  async reopen(agent: AgentRow, id: string) {
    const c = await this.get(id);
    if (c.status !== 'closed') return c;
    return this.reopenRow(c, agent);
  }

  private async reopenRow(c: ConversationRow, agent: AgentRow | null) {
    const now = this.now();
    await this.deps.store.conversations.update(c.id, {
      status: agent ? 'assigned' : 'waiting',
      agentId: agent ? agent.id : null,
      waitingSince: agent ? null : now,
      closedAt: null,
      rating: null,
      ratingComment: null,
      updatedAt: now,
    });
    await this.deps.store.events.add(c.id, 'reopened', agent?.id ?? null, {}, now);
    const fresh = await this.get(c.id);
    this.changed(fresh, 'reopened');
    return fresh;
  }

  async rate(visitorId: string, input: RateInput) {
    const c = await this.own(visitorId, input.conversationId);
    if (c.status !== 'closed')
      throw new DomainError(ErrorCode.conflict, 'A conversation can be rated once it is closed');
    if (c.rating !== null)
      throw new DomainError(ErrorCode.conflict, 'This conversation has already been rated');
    const now = this.now();
    await this.deps.store.conversations.update(c.id, {
      rating: input.rating,
      ratingComment: input.comment ?? null,
      updatedAt: now,
    });
    await this.deps.store.events.add(c.id, 'rated', c.agentId, { rating: input.rating }, now);
    const fresh = await this.get(c.id);
    this.changed(fresh, 'rated');
    return fresh;
  }

  async markRead(side: { visitorId: string } | { agent: AgentRow }, id: string, seq: number) {
    await this.advance(side, id, seq, 'read');
  }

  /** One side's client has received the messages up to `seq` (reading implies it, so read does too). */
  async markDelivered(side: { visitorId: string } | { agent: AgentRow }, id: string, seq: number) {
    await this.advance(side, id, seq, 'delivered');
  }

  private async advance(
    side: { visitorId: string } | { agent: AgentRow },
    id: string,
    seq: number,
    kind: 'read' | 'delivered',
  ) {
    const visitorId = 'visitorId' in side ? side.visitorId : undefined;
    type Mark = 'visitorReadSeq' | 'agentReadSeq' | 'visitorDeliveredSeq' | 'agentDeliveredSeq';
    const read: Mark = visitorId ? 'visitorReadSeq' : 'agentReadSeq';
    const delivered: Mark = visitorId ? 'visitorDeliveredSeq' : 'agentDeliveredSeq';
    // Many consoles report the same delivery: each report is one conditional write, and only a step
    // forward is announced. Receipts come with every message, so no read comes before the write.
    let moved: ConversationRow | undefined;
    for (const f of kind === 'read' ? [read, delivered] : [delivered])
      moved = (await this.deps.store.conversations.advance(id, f, seq, visitorId)) ?? moved;
    if (moved) this.changed(moved, kind, visitorId ? 'visitor' : 'agent');
    // Nothing moved: someone else's conversation must still look missing to a visitor.
    else if (visitorId) await this.own(visitorId, id);
  }

  /** Open conversations plus recent closed ones, as an agent's inbox sees them. */
  async inbox(closedLimit = 100) {
    const { store } = this.deps;
    const rows = [...(await store.conversations.open()), ...(await store.conversations.closed(closedLimit))];
    const queue = await this.queueFacts();
    return Promise.all(rows.map((c) => this.forAgent(c, queue)));
  }

  async forAgent(c: ConversationRow, queue?: Map<string, QueueFacts>) {
    const facts = queue ?? (await this.queueFacts());
    const visitor = await this.deps.store.visitors.byId(c.visitorId);
    return agentConversationDTO(
      c,
      visitor,
      await this.agentRef(c.agentId),
      facts.get(c.id)?.position ?? null,
    );
  }

  async forVisitor(c: ConversationRow) {
    const queue = await this.queueFacts();
    return visitorConversationDTO(c, await this.agentRef(c.agentId), queue.get(c.id) ?? NO_QUEUE);
  }

  async detail(id: string): Promise<AgentConversationDetail> {
    const { store } = this.deps;
    const c = await this.get(id);
    const visitor = await store.visitors.byId(c.visitorId);
    if (!visitor) throw notFound('Visitor');
    const previous = (await store.conversations.forVisitor(c.visitorId)).filter((p) => p.id !== c.id);
    const queue = await this.queueFacts();
    return {
      conversation: await this.forAgent(c, queue),
      messages: (await store.messages.since(id, 0)).map(messageDTO),
      visitor: visitorDTO(visitor),
      trail: c.trail as TrailEntry[],
      previous: await Promise.all(previous.map((p) => this.forAgent(p, queue))),
    };
  }

  /** Queue position and an honest wait estimate for every waiting conversation. */
  async queueFacts(fresh = false): Promise<Map<string, QueueFacts>> {
    // Many events in one burst ask the same question: answer them from one read.
    const now = Date.now();
    if (!fresh && this.factsMemo && now - this.factsMemo.at < QUEUE_FACTS_TTL_MS) return this.factsMemo.facts;
    const facts = this.readQueueFacts();
    this.factsMemo = { at: now, facts };
    facts.catch(() => {
      this.factsMemo = undefined;
    });
    return facts;
  }

  private async readQueueFacts(): Promise<Map<string, QueueFacts>> {
    const { store } = this.deps;
    const waiting = await store.conversations.waiting();
    const online = (await store.agents.list()).filter(
      (a) => a.status === 'online' && !a.disabled && a.role !== 'editor',
    ).length;
    const history = waiting.length ? await this.handlingHistory() : [];
    const facts = new Map<string, QueueFacts>();
    waiting.forEach((c, i) => {
      facts.set(c.id, { position: i + 1, waitEstimateSeconds: estimateWait(i + 1, online, history) });
    });
    return facts;
  }

  /**
   * How long recent conversations took from an agent taking them to their close, from the stored event
   * log: the same on every node and after a restart. Read at most every 10 s (and after a close here).
   */
  handlingHistory(): Promise<number[]> {
    const now = Date.now();
    if (this.history && now - this.history.at < HISTORY_TTL_MS) return this.history.times;
    const times = this.deps.store.events.handlingTimes(HANDLING_HISTORY);
    this.history = { at: now, times };
    times.catch(() => {
      this.history = undefined;
    });
    return times;
  }

  /** An agent who left for good: their open conversations go back to the queue, in their original order. */
  async returnToQueue(agentId: string): Promise<ConversationRow[]> {
    const returned: ConversationRow[] = [];
    for (const c of await this.deps.store.conversations.open()) {
      if (c.status !== 'assigned' || c.agentId !== agentId) continue;
      const now = this.now();
      // Several nodes may notice the same departure: only the one whose release lands records it.
      if (!(await this.deps.store.conversations.release(c.id, agentId, c.createdAt, now))) continue;
      await this.deps.store.events.add(
        c.id,
        'transferred',
        agentId,
        { to: null, reason: 'agent_disconnected' },
        now,
      );
      const fresh = await this.get(c.id);
      this.changed(fresh, 'transferred');
      returned.push(fresh);
    }
    return returned;
  }

  assertVisible(agent: AgentRow) {
    if (agent.role === 'editor') throw forbidden('Editors do not handle conversations');
  }

  private async agentRef(agentId: string | null): Promise<AgentRef | null> {
    if (!agentId) return null;
    // Every update names the agent; names change rarely, so they are read at most every few seconds.
    const known = this.agentRefs.get(agentId);
    if (known && Date.now() - known.at < AGENT_REF_TTL_MS) return known.ref;
    const a = await this.deps.store.agents.byId(agentId);
    const ref = a ? { id: a.id, name: a.name } : null;
    if (this.agentRefs.size > 1000) this.agentRefs.clear();
    this.agentRefs.set(agentId, { at: Date.now(), ref });
    return ref;
  }
}

type MessageInput = Omit<NewMessage, 'id' | 'conversationId' | 'createdAt'>;

const NO_QUEUE: QueueFacts = { position: null, waitEstimateSeconds: null };

/**
 * Seconds until the visitor at `position` is answered: each conversation ahead takes a typical (median)
 * handling time, and the online agents work through the queue side by side. Null when that would be a
 * guess: no agent online, or fewer than three closed conversations to learn from.
 */
export function estimateWait(position: number, online: number, handlingMs: readonly number[]): number | null {
  if (online === 0 || handlingMs.length < 3) return null;
  const sorted = [...handlingMs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median =
    sorted.length % 2 ? (sorted[Math.floor(mid)] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return Math.round((position * median) / online / 1000);
}

export function visitorDTO(v: VisitorRow): VisitorDTO {
  return {
    id: v.id,
    name: v.name,
    email: v.email,
    verified: v.verified,
    context: v.context,
    pages: v.pages,
    createdAt: v.createdAt,
  };
}
