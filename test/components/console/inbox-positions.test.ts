import { expect, it } from 'vitest';
import type { AgentConversationDTO } from '../../../server/protocol/dto.ts';
import { groupInbox } from '../../../widget/console/inbox/inbox-views.ts';

const waiting = (id: string, since: string, queuePosition: number): AgentConversationDTO => ({
  id,
  status: 'waiting',
  lastSeq: 1,
  agent: null,
  visitor: { id: `v-${id}`, name: null, email: null, verified: false },
  preview: id,
  lastMessageAt: since,
  waitingSince: since,
  queuePosition,
  visitorReadSeq: 0,
  visitorDeliveredSeq: 0,
  agentReadSeq: 0,
  rating: null,
  ratingComment: null,
  createdAt: since,
  updatedAt: since,
});

it('numbers the queue from the list itself, so everyone moves up when the first is claimed', () => {
  // Positions as the server last sent them, before the first in line was claimed elsewhere.
  const groups = groupInbox(
    [waiting('b', '2026-01-01T10:01:00Z', 2), waiting('c', '2026-01-01T10:02:00Z', 3)],
    'me',
  );
  expect(groups.waiting.map((c) => [c.id, c.queuePosition])).toEqual([
    ['b', 1],
    ['c', 2],
  ]);
});
