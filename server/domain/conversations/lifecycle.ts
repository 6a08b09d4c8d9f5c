import { SystemEventKind } from '../../protocol/dto.ts';
import { ErrorCode } from '../../protocol/errors.ts';
import type { RateInput } from '../../protocol/schemas.ts';
import type { AgentRow, ConversationRow, Store } from '../../storage/store.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Core, Facts } from './core.ts';

/**
 * Who has a conversation and whether it is open: claim, transfer, close, reopen, rate, and back to the
 * queue. Each command's writes (the change, its event, any line it adds) land in one transaction.
 */
export class Lifecycle {
  constructor(private readonly core: Core) {}

  /** False when the conversation was no longer waiting (someone else took it); nothing is written then. */
  claim(agent: AgentRow, id: string): Promise<ConversationRow | undefined> {
    const { core } = this;
    return core.write(async (tx, facts) => {
      const now = core.now();
      if (!(await tx.conversations.claim(id, agent.id, now))) return undefined;
      await tx.events.add(id, 'assigned', agent.id, {}, now);
      facts.changed(await core.get(tx, id), 'assigned');
      const joined = await tx.messages.append(
        core.newMessage(id, {
          clientId: null,
          author: 'system',
          authorId: agent.id,
          authorName: agent.name,
          text: `${agent.name} joined the conversation`,
          system: { kind: SystemEventKind.agentJoined, agentName: agent.name },
        }),
      );
      facts.created(joined);
      // The append hands back the conversation as it left it: no second read.
      return joined.conversation ?? core.get(tx, id);
    });
  }

  transfer(agent: AgentRow, id: string, toAgentId: string | null, note?: string) {
    const { core } = this;
    return core.write(async (tx, facts) => {
      const c = await core.get(tx, id);
      if (c.status === 'closed')
        throw new DomainError(ErrorCode.conversationClosed, 'Reopen the conversation to transfer it');
      const now = core.now();
      let target: AgentRow | undefined;
      if (toAgentId) {
        target = await tx.agents.byId(toAgentId);
        if (!target || target.disabled || target.role === 'editor') throw notFound('Agent');
      }
      await tx.conversations.update(id, {
        status: target ? 'assigned' : 'waiting',
        agentId: target?.id ?? null,
        waitingSince: target ? null : now,
        updatedAt: now,
      });
      if (note)
        await core.append(tx, facts, id, {
          clientId: null,
          author: 'note',
          authorId: agent.id,
          authorName: agent.name,
          text: note,
        });
      return core.logged(tx, facts, id, 'transferred', agent.id, { to: target?.id ?? null });
    });
  }

  close(actor: { agent?: AgentRow; visitorId?: string }, id: string) {
    const { core } = this;
    return core.write(async (tx, facts) => {
      const c = actor.visitorId ? await core.own(tx, actor.visitorId, id) : await core.get(tx, id);
      if (c.status === 'closed') return c;
      const now = core.now();
      // The agent's transcript says the visitor left, rather than the chat just going quiet.
      if (!actor.agent)
        await core.append(tx, facts, id, {
          clientId: null,
          author: 'system',
          authorId: null,
          authorName: null,
          text: 'The visitor ended the chat',
          system: { kind: SystemEventKind.visitorEnded },
        });
      await tx.conversations.update(id, {
        status: 'closed',
        closedAt: now,
        waitingSince: null,
        updatedAt: now,
      });
      const by = actor.agent ? 'agent' : 'visitor';
      return core.logged(tx, facts, id, 'closed', actor.agent?.id ?? null, { by });
    });
  }

  reopen(agent: AgentRow, id: string) {
    return this.core.write(async (tx, facts) => {
      const c = await this.core.get(tx, id);
      return c.status === 'closed' ? this.reopenIn(tx, facts, c, agent) : c;
    });
  }

  /** Reopens inside a command's transaction: to the agent who did it, or (a visitor writing again) the queue. */
  async reopenIn(tx: Store, facts: Facts, c: ConversationRow, agent: AgentRow | null) {
    const now = this.core.now();
    await tx.conversations.update(c.id, {
      status: agent ? 'assigned' : 'waiting',
      agentId: agent ? agent.id : null,
      waitingSince: agent ? null : now,
      closedAt: null,
      rating: null,
      ratingComment: null,
      updatedAt: now,
    });
    return this.core.logged(tx, facts, c.id, 'reopened', agent?.id ?? null, {});
  }

  rate(visitorId: string, input: RateInput) {
    const { core } = this;
    return core.write(async (tx, facts) => {
      const c = await core.own(tx, visitorId, input.conversationId);
      if (c.status !== 'closed')
        throw new DomainError(ErrorCode.conflict, 'A conversation can be rated once it is closed');
      if (c.rating !== null)
        throw new DomainError(ErrorCode.conflict, 'This conversation has already been rated');
      const now = core.now();
      await tx.conversations.update(c.id, {
        rating: input.rating,
        ratingComment: input.comment ?? null,
        updatedAt: now,
      });
      return core.logged(tx, facts, c.id, 'rated', c.agentId, { rating: input.rating });
    });
  }

  /** An agent who left for good: their open conversations go back to the queue, in their original order. */
  async returnToQueue(agentId: string): Promise<ConversationRow[]> {
    const { core } = this;
    const returned: ConversationRow[] = [];
    for (const c of await core.deps.store.conversations.open()) {
      if (c.status !== 'assigned' || c.agentId !== agentId) continue;
      const fresh = await core.write(async (tx, facts) => {
        const now = core.now();
        // Several nodes may notice the same departure: only the one whose release lands records it.
        if (!(await tx.conversations.release(c.id, agentId, c.createdAt, now))) return undefined;
        const reason = 'agent_disconnected';
        return core.logged(tx, facts, c.id, 'transferred', agentId, { to: null, reason });
      });
      if (fresh) returned.push(fresh);
    }
    return returned;
  }
}
