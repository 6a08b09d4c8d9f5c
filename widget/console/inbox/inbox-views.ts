import type { AgentConversationDTO } from '../../../server/protocol/dto.ts';

/** The lists of the inbox, in the order they are shown. */
export const InboxView = {
  waiting: 'waiting',
  mine: 'mine',
  offline: 'offline',
  open: 'open',
  closed: 'closed',
} as const;
export type InboxView = (typeof InboxView)[keyof typeof InboxView];

export const viewLabels: Record<InboxView, string> = {
  waiting: 'Waiting',
  mine: 'Mine',
  offline: 'Offline messages',
  open: 'All open',
  closed: 'Closed',
};

export type InboxGroups = Record<InboxView, AgentConversationDTO[]>;

// Queue order as the server last told it (relative order never changes while waiting), then arrival.
const byQueue = (a: AgentConversationDTO, b: AgentConversationDTO) =>
  (a.queuePosition ?? Number.MAX_SAFE_INTEGER) - (b.queuePosition ?? Number.MAX_SAFE_INTEGER) ||
  (a.waitingSince ?? a.createdAt).localeCompare(b.waitingSince ?? b.createdAt);
const byRecent = (a: AgentConversationDTO, b: AgentConversationDTO) =>
  b.lastMessageAt.localeCompare(a.lastMessageAt);
const byUpdated = (a: AgentConversationDTO, b: AgentConversationDTO) =>
  b.updatedAt.localeCompare(a.updatedAt);

/** Splits conversations into the inbox lists: waiting in queue order, the rest most recent first. */
export function groupInbox(conversations: Iterable<AgentConversationDTO>, meId: string | null): InboxGroups {
  const groups: InboxGroups = { waiting: [], mine: [], offline: [], open: [], closed: [] };
  for (const c of conversations) {
    if (c.status === 'closed') {
      groups.closed.push(c);
      continue;
    }
    groups.open.push(c);
    if (c.status === 'waiting') groups.waiting.push(c);
    // Left while nobody could chat: its own list, answered by email, never in the live queue.
    else if (c.status === 'offline') groups.offline.push(c);
    else if (meId && c.agent?.id === meId) groups.mine.push(c);
  }
  // Positions follow from the list itself, so a claim elsewhere moves everyone up at once.
  groups.waiting.sort(byQueue);
  const positions = new Map(groups.waiting.map((c, i) => [c.id, i + 1]));
  const placed = (c: AgentConversationDTO) =>
    c.status === 'waiting' && c.queuePosition !== positions.get(c.id)
      ? { ...c, queuePosition: positions.get(c.id) ?? null }
      : c;
  groups.waiting = groups.waiting.map(placed);
  groups.open = groups.open.map(placed);
  groups.mine.sort(byRecent);
  groups.offline.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  groups.open.sort(byRecent);
  groups.closed.sort(byUpdated);
  return groups;
}

/**
 * True when the visitor wrote something the agent side has not read yet in a conversation someone
 * handles. A waiting visitor's question is not "unread": the Waiting list itself is the alert.
 */
export const isUnread = (c: AgentConversationDTO) => c.status === 'assigned' && c.lastSeq > c.agentReadSeq;
