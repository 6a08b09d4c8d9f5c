import { describe, expect, it, vi } from 'vitest';
import { startAgentEmailAlerts } from '../../server/domain/agent-email/agent-email-alerts.ts';
import type { ConversationEvents } from '../../server/domain/conversations/core.ts';
import { createEmitter } from '../../server/domain/emitter.ts';
import type { Mail } from '../../server/domain/follow-up/mailer.ts';
import { DEFAULT_PREFERENCES } from '../../server/domain/preferences.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import type { AgentRow, ConversationRow } from '../../server/storage/store.ts';

const agent = (id: string, email: string) => ({ id, email, role: 'agent', disabled: false }) as AgentRow;
const waitingSince = '2026-12-06T09:00:00.000Z';
const conversation = {
  id: 'c1',
  status: 'waiting',
  preview: 'Is my order lost?',
  waitingSince,
  createdAt: waitingSince,
} as ConversationRow;

describe('a visitor waiting past the target while nobody is online', () => {
  it('emails the agents who asked for it, once, and nobody while someone is online', async () => {
    const events = createEmitter<ConversationEvents>();
    const sent: Mail[] = [];
    let now = Date.parse(waitingSince);
    let online = 1;
    const stop = startAgentEmailAlerts({
      events,
      mailer: { describe: 'test', send: async (m) => void sent.push(m) },
      logger: silentLogger(),
      agents: async () => [agent('a1', 'keen@example.com'), agent('a2', 'quiet@example.com')],
      preferences: async (id) => ({ ...DEFAULT_PREFERENCES, emailLongWait: id === 'a1' }),
      availability: async () => ({ agentsOnline: online, waitTargetSeconds: 120 }),
      consoleUrl: 'https://help.example.com',
      checkEveryMs: 10,
      now: () => now,
    });
    events.emit('conversation.changed', { conversation, kind: 'created' });
    now += 5 * 60_000;
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toEqual([]); // someone is online
    online = 0;
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      to: 'keen@example.com',
      subject: 'A visitor is waiting and nobody is online',
    });
    expect(sent[0]?.text).toContain('waited 5 min');
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).toHaveLength(1);
    stop();
  });
});
