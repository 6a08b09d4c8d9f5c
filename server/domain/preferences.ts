import { z } from 'zod';
import type { Clock } from '../lib/clock.ts';
import { type ConsolePreferences, DEFAULT_PREFERENCES } from '../protocol/preferences.ts';
import type { Store } from '../storage/store.ts';

/** What `PUT /api/console/preferences` accepts: exactly the protocol's preferences (the email choices optional). */
export const preferencesSchema = z
  .object({
    soundNewConversation: z.boolean(),
    soundNewMessage: z.boolean(),
    desktopNewConversation: z.boolean(),
    desktopNewMessage: z.boolean(),
    emailOfflineMessage: z.boolean().default(false),
    emailLongWait: z.boolean().default(false),
  })
  .strict() satisfies z.ZodType<ConsolePreferences, unknown>;
export { type ConsolePreferences, DEFAULT_PREFERENCES };

const key = (agentId: string) => `agent-preferences:${agentId}`;

export class Preferences {
  constructor(private readonly deps: { store: Store; clock: Clock }) {}

  /** The agent's stored preferences, or the defaults when none (or none readable) are stored. */
  async get(agentId: string): Promise<ConsolePreferences> {
    const stored = preferencesSchema.safeParse(await this.deps.store.settings.get(key(agentId)));
    return stored.success ? stored.data : DEFAULT_PREFERENCES;
  }

  async put(agentId: string, preferences: ConsolePreferences): Promise<ConsolePreferences> {
    await this.deps.store.settings.put(key(agentId), preferences, this.deps.clock.now().toISOString());
    return preferences;
  }
}
