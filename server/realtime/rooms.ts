/**
 * Room names: one per visitor (all their tabs), one for every agent who handles conversations, one per
 * agent, one for admins (team changes).
 */
export const rooms = {
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  agent: (agentId: string) => `agent:${agentId}`,
  /** The consoles of one sign-in session (by its token's hash): cut together at sign-out, on every node. */
  session: (tokenHash: string) => `session:${tokenHash}`,
  /** The consoles showing a conversation (`conversation:view`): they get its messages whole. */
  viewing: (conversationId: string) => `viewing:${conversationId}`,
  agents: 'agents',
  admins: 'admins',
} as const;
