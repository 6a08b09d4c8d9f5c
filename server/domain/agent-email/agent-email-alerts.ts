import type { Logger } from '../../lib/logger.ts';
import type { AgentRow, ConversationRow } from '../../storage/store.ts';
import type { ConversationEvents } from '../conversations/core.ts';
import type { Emitter } from '../emitter.ts';
import type { Mailer } from '../follow-up/mailer.ts';
import type { ConsolePreferences } from '../preferences.ts';

export interface AgentEmailDeps {
  events: Emitter<ConversationEvents>;
  mailer: Mailer;
  logger: Logger;
  agents: () => Promise<AgentRow[]>;
  preferences: (agentId: string) => Promise<ConsolePreferences>;
  /** How many agents can chat now, and the workspace's wait target. */
  availability: () => Promise<{ agentsOnline: number; waitTargetSeconds: number }>;
  /** Where the console is, for the link in the email. */
  consoleUrl: string | undefined;
  /** How often waiting visitors are checked against the wait target (default 15 s). */
  checkEveryMs?: number;
  now?: () => number;
}

/**
 * Email for agents who opted in (Notifications in the console): a new offline message, and a visitor waiting
 * longer than the target while nobody is online. One email per conversation and reason, per node.
 */
export function startAgentEmailAlerts(deps: AgentEmailDeps): () => void {
  const log = deps.logger.child({ module: 'agent-email' });
  const now = deps.now ?? Date.now;
  const waiting = new Map<string, ConversationRow>();

  const tell = async (want: 'emailOfflineMessage' | 'emailLongWait', subject: string, text: string) => {
    for (const agent of await deps.agents()) {
      if (agent.disabled || agent.role === 'editor') continue;
      if (!(await deps.preferences(agent.id))[want]) continue;
      await deps.mailer.send({ to: agent.email, subject, text });
    }
  };
  const link = (c: ConversationRow) =>
    deps.consoleUrl ? `\n\nOpen it: ${deps.consoleUrl}/console#${c.id}\n` : '\n';

  const off = deps.events.on('conversation.changed', ({ conversation: c, kind }) => {
    if (c.status === 'waiting') waiting.set(c.id, c);
    else waiting.delete(c.id);
    if (kind !== 'created' || c.status !== 'offline') return;
    tell(
      'emailOfflineMessage',
      'New offline message on Parley',
      `A visitor left a message while nobody could chat:\n\n“${c.preview}”\n\nTake it under Offline messages; your reply reaches them by email.${link(c)}`,
    ).catch((err: unknown) => log.error({ err }, 'offline-message email failed'));
  });

  const check = async () => {
    if (waiting.size === 0) return;
    const { agentsOnline, waitTargetSeconds } = await deps.availability();
    if (agentsOnline > 0) return;
    for (const c of [...waiting.values()]) {
      const since = Date.parse(c.waitingSince ?? c.createdAt);
      if (now() - since < waitTargetSeconds * 1000) continue;
      waiting.delete(c.id);
      const minutes = Math.max(1, Math.round((now() - since) / 60_000));
      await tell(
        'emailLongWait',
        'A visitor is waiting and nobody is online',
        `A visitor has waited ${minutes} min for a chat and no agent is online:\n\n“${c.preview}”${link(c)}`,
      );
    }
  };
  const timer = setInterval(() => {
    check().catch((err: unknown) => log.error({ err }, 'long-wait email failed'));
  }, deps.checkEveryMs ?? 15_000);
  timer.unref();

  return () => {
    off();
    clearInterval(timer);
  };
}
