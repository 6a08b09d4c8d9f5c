/** Room names: one per visitor (all their tabs), one for every agent who handles conversations, one per agent. */
export const rooms = {
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  agent: (agentId: string) => `agent:${agentId}`,
  agents: 'agents',
} as const;
