import type { SessionCounts } from '../../storage/reports-store.ts';
import { type Counted, medianCounted, percentileCounted, ratio, round4, seconds } from './stats.ts';

export function conversationFigures(counts: { started: number; offline: number; missed: number }) {
  return {
    started: counts.started,
    chats: counts.started - counts.offline,
    offline: counts.offline,
    missed: counts.missed,
  };
}

export function countedFigures(counted: Counted) {
  return {
    medianSeconds: seconds(medianCounted(counted)),
    p90Seconds: seconds(percentileCounted(counted, 90)),
  };
}

export function resolutionFigures(c: { closed: number; reopened: number }, times: Counted) {
  return {
    closed: c.closed,
    medianSeconds: seconds(medianCounted(times)),
    reopened: c.reopened,
    rate: round4(ratio(c.closed - c.reopened, c.closed)),
  };
}

export function csatFigures(r: { responses: number; total: number; satisfied: number }, closedCount: number) {
  return {
    responses: r.responses,
    average: round4(ratio(r.total, r.responses)),
    satisfiedShare: round4(ratio(r.satisfied, r.responses)),
    responseRate: round4(ratio(r.responses, closedCount)),
  };
}

export function selfServiceFigures(c: SessionCounts) {
  return {
    sessions: c.sessions,
    searched: c.searched,
    articleViews: c.views,
    helpfulVotes: c.helpfulVotes,
    escalated: c.asked,
    deflectionRate: round4(ratio(c.sessions - c.asked, c.sessions)),
  };
}

export function funnelSteps(c: SessionCounts) {
  return [
    { step: 'engaged', sessions: c.sessions },
    { step: 'searched', sessions: c.searched },
    { step: 'openedArticle', sessions: c.viewed },
    { step: 'votedHelpful', sessions: c.votedHelpful },
    { step: 'askedForPerson', sessions: c.asked },
    { step: 'chatted', sessions: c.chatted },
    { step: 'rated', sessions: c.rated },
  ];
}
