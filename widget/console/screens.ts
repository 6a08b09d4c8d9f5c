import type { AgentRole } from '../../server/protocol/dto.ts';

/** The console's screens; admin screens load on demand (import()). */
export const Screen = {
  inbox: 'inbox',
  replies: 'replies',
  agents: 'agents',
  settings: 'settings',
  gaps: 'gaps',
} as const;
export type Screen = (typeof Screen)[keyof typeof Screen];

export const screenLabels: Record<Screen, string> = {
  inbox: 'Inbox',
  replies: 'Saved replies',
  agents: 'Agents',
  settings: 'Widget & routing',
  gaps: 'Content gaps',
};

/** What each role may open: editors write articles, agents answer, admins do both and run the team. */
export function screensFor(role: AgentRole): Screen[] {
  if (role === 'editor') return ['gaps'];
  if (role === 'agent') return ['inbox', 'replies'];
  return ['inbox', 'replies', 'agents', 'settings', 'gaps'];
}
