import type { AgentRef } from '../../protocol/dto.ts';
import type { AgentConversationDetail, VisitorSyncResult } from '../../protocol/events.ts';
import { Limits } from '../../protocol/schemas.ts';
import type { ConversationRow, Store } from '../../storage/store.ts';
import { notFound } from '../errors.ts';
import type { Queue } from './queue.ts';
import {
  agentConversationDTO,
  conversationDetailDTO,
  messageDTO,
  NO_QUEUE,
  type QueueFacts,
  visitorConversationDTO,
} from './views.ts';

const AGENT_REF_TTL_MS = 5_000;

/** Conversations as each side sees them: reads only, mapped to the wire by views.ts. */
export class ReadModels {
  private readonly agentRefs = new Map<string, { at: number; ref: Promise<AgentRef | null> }>();

  constructor(private readonly deps: { store: Store; clock: { now(): Date }; queue: Queue }) {}

  /** Everything a visitor's client is missing: its conversations and the messages after each `since`. */
  async syncForVisitor(visitorId: string, since: Record<string, number> = {}): Promise<VisitorSyncResult> {
    const { store, queue } = this.deps;
    const rows = await store.conversations.forVisitor(visitorId);
    const facts = await queue.facts();
    const conversations = [];
    const messages = [];
    for (const c of rows) {
      conversations.push(
        visitorConversationDTO(c, await this.agentRef(c.agentId), facts.get(c.id) ?? NO_QUEUE),
      );
      const after = since[c.id];
      if (after === undefined && c.status === 'closed') continue;
      for (const m of await store.messages.since(c.id, after ?? 0)) {
        if (m.author !== 'note') messages.push(messageDTO(m));
      }
    }
    return { conversations, messages };
  }

  /**
   * A page of the open conversations (oldest first) after the one `after` names, at most `limit`, as an agent's
   * inbox sees them; the first page brings the recent closed ones too. `next`: where the following page starts.
   */
  async inbox(page: { limit?: number | undefined; after?: string | undefined } = {}, closedLimit = 100) {
    const { store, queue } = this.deps;
    const limit = page.limit ?? Limits.inboxPage;
    const open = await store.conversations.open();
    const start = page.after ? open.findIndex((c) => c.id === page.after) + 1 : 0;
    const slice = open.slice(start, start + limit);
    const more = start + limit < open.length;
    const rows = page.after ? slice : [...slice, ...(await store.conversations.closed(closedLimit))];
    const facts = await queue.facts();
    return {
      conversations: await Promise.all(rows.map((c) => this.forAgent(c, facts))),
      next: more ? (slice[slice.length - 1]?.id ?? null) : null,
    };
  }

  async forAgent(c: ConversationRow, queue?: Map<string, QueueFacts>) {
    const facts = queue ?? (await this.deps.queue.facts());
    const visitor = await this.deps.store.visitors.byId(c.visitorId);
    return agentConversationDTO(
      c,
      visitor,
      await this.agentRef(c.agentId),
      facts.get(c.id)?.position ?? null,
    );
  }

  async forVisitor(c: ConversationRow) {
    const facts = await this.deps.queue.facts();
    return visitorConversationDTO(c, await this.agentRef(c.agentId), facts.get(c.id) ?? NO_QUEUE);
  }

  async detail(id: string): Promise<AgentConversationDetail> {
    const { store, queue } = this.deps;
    const c = await store.conversations.byId(id);
    if (!c) throw notFound('Conversation');
    const visitor = await store.visitors.byId(c.visitorId);
    if (!visitor) throw notFound('Visitor');
    const previous = (await store.conversations.forVisitor(c.visitorId)).filter((p) => p.id !== c.id);
    const facts = await queue.facts();
    return conversationDetailDTO({
      conversation: await this.forAgent(c, facts),
      messages: await store.messages.since(id, 0),
      visitor,
      trail: c.trail,
      previous: await Promise.all(previous.map((p) => this.forAgent(p, facts))),
    });
  }

  /** Who has a conversation, by name; names change rarely, so each is read at most every few seconds. */
  async agentRef(agentId: string | null): Promise<AgentRef | null> {
    if (!agentId) return null;
    const now = this.deps.clock.now().getTime();
    const known = this.agentRefs.get(agentId);
    if (known && now - known.at < AGENT_REF_TTL_MS) return known.ref;
    // The read itself is shared: the agents' and the visitor's view of one change ask at the same moment.
    const ref = this.deps.store.agents.byId(agentId).then((a) => (a ? { id: a.id, name: a.name } : null));
    if (this.agentRefs.size > 1000) this.agentRefs.clear();
    this.agentRefs.set(agentId, { at: now, ref });
    ref.catch(() => {
      if (this.agentRefs.get(agentId)?.ref === ref) this.agentRefs.delete(agentId);
    });
    return ref;
  }
}
