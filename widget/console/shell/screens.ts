import type { AgentRole } from '../../../server/protocol/dto.ts';

/** The console's screens; admin screens load on demand (import()). */
export const Screen = {
  inbox: 'inbox',
  replies: 'replies',
  agents: 'agents',
  settings: 'settings',
  gaps: 'gaps',
  /** Service numbers and the self-service funnel (widget/console/reports). */
  reports: 'reports',
  /** The knowledge base's articles, edited in the browser (widget/console/editor, its own chunk). */
  articles: 'articles',
  /** One's own account (password); reached from one's name in the top bar, not from the screen list. */
  account: 'account',
} as const;
export type Screen = (typeof Screen)[keyof typeof Screen];

export const screenLabels: Record<Screen, string> = {
  inbox: 'Inbox',
  replies: 'Saved replies',
  agents: 'Agents',
  settings: 'Widget & routing',
  gaps: 'Content gaps',
  reports: 'Reports',
  articles: 'Articles',
  account: 'Your account',
};

/**
 * Shorter words for the top bar on a narrow screen, each a word of the full label, which stays the button's
 * name (what a screen reader says and voice control answers to).
 */
export const screenShortLabels: Partial<Record<Screen, string>> = {
  replies: 'Replies',
  settings: 'Widget',
  gaps: 'Gaps',
};

/** The screens in the top bar's list for a role: editors write articles, agents answer, admins do both and run the team. */
export function screensFor(role: AgentRole): Screen[] {
  if (role === 'editor') return ['articles', 'gaps', 'reports'];
  if (role === 'agent') return ['inbox', 'replies', 'reports'];
  return ['inbox', 'replies', 'agents', 'settings', 'articles', 'gaps', 'reports'];
}
