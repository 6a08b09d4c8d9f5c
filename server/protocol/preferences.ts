/** Per-agent console preferences, kept on the server so they follow the agent to any computer. */
export interface ConsolePreferences {
  soundNewConversation: boolean;
  soundNewMessage: boolean;
  desktopNewConversation: boolean;
  desktopNewMessage: boolean;
  /** Email me when a visitor leaves an offline message (off unless chosen). */
  emailOfflineMessage: boolean;
  /** Email me when a visitor waits past the target while nobody is online. */
  emailLongWait: boolean;
}

/** What an agent who never chose gets, on the server and in the console. */
export const DEFAULT_PREFERENCES: ConsolePreferences = {
  soundNewConversation: true,
  soundNewMessage: true,
  desktopNewConversation: true,
  desktopNewMessage: true,
  emailOfflineMessage: false,
  emailLongWait: false,
};
