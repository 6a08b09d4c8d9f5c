import { z } from 'zod';
import type { Clock } from '../lib/clock.ts';
import type { Store } from '../storage/store.ts';

/** Per-agent console preferences; kept on the server so they follow the agent to any computer. */
export const preferencesSchema = z
  .object({
    soundNewConversation: z.boolean(),
    soundNewMessage: z.boolean(),
    desktopNewConversation: z.boolean(),
    desktopNewMessage: z.boolean(),
    /** Email me when a visitor leaves an offline message (off unless chosen). */
    emailOfflineMessage: z.boolean().default(false),
    /** Email me when a visitor waits past the target while nobody is online. */
    emailLongWait: z.boolean().default(false),
  })
  .strict();
export type ConsolePreferences = z.infer<typeof preferencesSchema>;
export const DEFAULT_PREFERENCES: ConsolePreferences = {
  soundNewConversation: true,
  soundNewMessage: true,
  desktopNewConversation: true,
  desktopNewMessage: true,
  emailOfflineMessage: false,
  emailLongWait: false,
};

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
