import { z } from 'zod';
import { ErrorCode } from '../../protocol/errors.ts';
import type { AgentRow, ConversationRow, Store } from '../../storage/store.ts';
import type { Conversations } from '../conversations/conversations.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Agents } from './agents.ts';
import { oneTimePassword } from './passwords.ts';

const role = z.enum(['admin', 'agent', 'editor']);
const name = z.string().trim().min(1, 'must not be empty').max(120);
const maxChats = z.number().int().min(1).max(50);

export const newAgentSchema = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
    name,
    role,
    maxChats: maxChats.optional(),
  })
  .strict();
export const agentPatchSchema = z
  .object({
    name: name.optional(),
    role: role.optional(),
    maxChats: maxChats.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type AgentPatch = z.infer<typeof agentPatchSchema>;

/** What an admin does to accounts: create them, change roles and limits, disable them, reset passwords. */
export class AgentAdmin {
  constructor(private readonly deps: { store: Store; agents: Agents; conversations: Conversations }) {}

  /** The new agent and their one-time password, shown once to the admin, never stored in clear, changed at first sign-in. */
  async create(input: z.infer<typeof newAgentSchema>): Promise<{ agent: AgentRow; password: string }> {
    const password = oneTimePassword();
    const agent = await this.deps.agents.create({ ...input, password, mustChangePassword: true });
    return { agent, password };
  }

  /**
   * Applies a change. Disabling ends the agent's sessions and returns their conversations to the queue.
   * An admin cannot lock themselves out, and the last enabled admin stays an admin.
   */
  async update(
    actor: AgentRow,
    id: string,
    patch: AgentPatch,
  ): Promise<{ agent: AgentRow; requeued: ConversationRow[] }> {
    const { store } = this.deps;
    const target = await store.agents.byId(id);
    if (!target) throw notFound('Agent');
    const losesAdmin =
      target.role === 'admin' && ((patch.role && patch.role !== 'admin') || patch.disabled === true);
    if (losesAdmin && actor.id === id) {
      throw new DomainError(
        ErrorCode.conflict,
        'You cannot disable your own account or remove your own admin role',
      );
    }
    if (losesAdmin && !target.disabled) {
      const admins = (await store.agents.list()).filter((a) => a.role === 'admin' && !a.disabled);
      if (admins.length <= 1) throw new DomainError(ErrorCode.conflict, 'Keep at least one enabled admin');
    }
    const disabling = patch.disabled === true && !target.disabled;
    await store.agents.update(id, { ...patch, ...(disabling ? { status: 'offline' } : {}) });
    let requeued: ConversationRow[] = [];
    if (disabling || (patch.role === 'editor' && target.role !== 'editor')) {
      if (disabling) await store.sessions.deleteForAgent(id);
      // Nobody may be left holding a visitor they can no longer answer.
      requeued = await this.deps.conversations.returnToQueue(id);
    }
    const agent = await store.agents.byId(id);
    if (!agent) throw notFound('Agent');
    return { agent, requeued };
  }

  /** A new one-time password; every session of the agent ends. */
  resetPassword(id: string): Promise<{ agent: AgentRow; password: string }> {
    return this.deps.agents.resetPassword(id);
  }
}
