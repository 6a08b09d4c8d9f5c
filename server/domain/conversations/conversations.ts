import { ErrorCode } from '../../protocol/errors.ts';
import type { ConversationStartInput, RateInput } from '../../protocol/schemas.ts';
import type { AgentRow, ConversationRow, VisitorRow } from '../../storage/store.ts';
import { DomainError, forbidden } from '../errors.ts';
import { type ConversationDeps, Core } from './core.ts';
import { Lifecycle } from './lifecycle.ts';
import { Queue } from './queue.ts';
import { ReadModels } from './read-models.ts';
import { Receipts } from './receipts.ts';
import { Sending } from './send.ts';
import { startConversation } from './start.ts';
import type { QueueFacts } from './views.ts';

export {
  type ChangeKind,
  type ConversationDeps,
  type ConversationEvents,
  quietChange,
} from './core.ts';
export { estimateWait, HANDLING_HISTORY } from './queue.ts';
export { visitorDTO } from './views.ts';

type Side = { visitorId: string } | { agent: AgentRow };

/**
 * Conversations and their messages: the rules of who may say what, when, and in which order. One entry
 * for the transports, made of parts by job: commands (start.ts, send.ts, lifecycle.ts) write rows in
 * one transaction each and announce facts after the commit; receipts.ts moves read/delivered marks;
 * queue.ts answers positions and waits; read-models.ts reads what each side sees, mapped by views.ts.
 */
export class Conversations {
  private readonly queue: Queue;
  private readonly reads: ReadModels;
  private readonly lifecycle: Lifecycle;
  private readonly sending: Sending;
  private readonly receipts: Receipts;
  private readonly core: Core;

  constructor(deps: ConversationDeps) {
    this.queue = new Queue(deps);
    this.core = new Core(deps, (kind, conversation) => this.queue.changed(kind, conversation));
    this.reads = new ReadModels({ ...deps, queue: this.queue });
    this.lifecycle = new Lifecycle(this.core);
    this.sending = new Sending(this.core, this.lifecycle);
    this.receipts = new Receipts(this.core);
  }

  // Commands: each returns stored rows; the transports map them with the read models below.

  /** `offline`: nobody can chat now; the conversation is a message to answer by email, not a place in the queue. */
  start(visitor: VisitorRow, input: ConversationStartInput, offline = false) {
    return startConversation(this.core, visitor, input, offline);
  }

  sendFromVisitor(visitor: VisitorRow, input: Parameters<Sending['fromVisitor']>[1], origin?: string) {
    return this.sending.fromVisitor(visitor, input, origin);
  }

  sendFromAgent(agent: AgentRow, input: Parameters<Sending['fromAgent']>[1]) {
    return this.sending.fromAgent(agent, input);
  }

  async claim(agent: AgentRow, id: string): Promise<ConversationRow> {
    const claimed = await this.lifecycle.claim(agent, id);
    if (claimed) return claimed;
    const current = await this.core.get(this.core.deps.store, id);
    const who = (await this.reads.agentRef(current.agentId))?.name;
    throw new DomainError(
      ErrorCode.alreadyClaimed,
      who ? `Already taken by ${who}` : 'This conversation is no longer waiting',
    );
  }

  transfer(agent: AgentRow, id: string, toAgentId: string | null, note?: string) {
    return this.lifecycle.transfer(agent, id, toAgentId, note);
  }

  close(actor: { agent?: AgentRow; visitorId?: string }, id: string) {
    return this.lifecycle.close(actor, id);
  }

  reopen(agent: AgentRow, id: string) {
    return this.lifecycle.reopen(agent, id);
  }

  rate(visitorId: string, input: RateInput) {
    return this.lifecycle.rate(visitorId, input);
  }

  returnToQueue(agentId: string) {
    return this.lifecycle.returnToQueue(agentId);
  }

  // Receipts.

  async markRead(side: Side, id: string, seq: number) {
    await this.receipts.markRead(side, id, seq);
  }

  async markDelivered(side: Side, id: string, seq: number) {
    await this.receipts.markDelivered(side, id, seq);
  }

  // Queue and read models.

  queueFacts(fresh = false) {
    return this.queue.facts(fresh);
  }

  /** The waiting conversations in queue order with their positions, from one read. */
  queueSnapshot(fresh = false) {
    return this.queue.snapshot(fresh);
  }

  handlingHistory() {
    return this.queue.handlingHistory();
  }

  syncForVisitor(visitorId: string, since?: Record<string, number>) {
    return this.reads.syncForVisitor(visitorId, since);
  }

  inbox(page: { limit?: number | undefined; after?: string | undefined } = {}, closedLimit = 100) {
    return this.reads.inbox(page, closedLimit);
  }

  forAgent(c: ConversationRow, queue?: Map<string, QueueFacts>) {
    return this.reads.forAgent(c, queue);
  }

  forVisitor(c: ConversationRow) {
    return this.reads.forVisitor(c);
  }

  detail(id: string) {
    return this.reads.detail(id);
  }

  assertVisible(agent: AgentRow) {
    if (agent.role === 'editor') throw forbidden('Editors do not handle conversations');
  }
}
