import type { AgentConversationDTO } from '../../../server/protocol/dto.ts';

/**
 * Drill-down from a Reports count to the inbox: the link `#inbox/report?metric=…&from=…&to=…&tz=…` opens the
 * inbox on exactly the conversations behind the count (`GET /api/reports/conversations`). Small and free of
 * chart code: the inbox imports it.
 */

export const drillLabels = {
  started: 'Conversations',
  chats: 'Chats',
  offline: 'Offline messages',
  missed: 'Missed',
  closed: 'Resolved',
  reopened: 'Reopened',
  rated: 'Rated',
  satisfied: 'Satisfied (4–5)',
  unsatisfied: 'Not satisfied (1–3)',
} as const;
export type DrillMetric = keyof typeof drillLabels;

export interface Drill {
  metric: DrillMetric;
  from: string;
  to: string;
  tz: string;
  /** One agent's conversations (their row of the per-agent table), with their name for the title. */
  agent?: { id: string; name: string };
}

export interface DrillPage {
  total: number;
  page: number;
  limit: number;
  conversations: AgentConversationDTO[];
}

const PREFIX = '#inbox/report?';

export function drillHref(d: Drill): string {
  const q = new URLSearchParams({ metric: d.metric, from: d.from, to: d.to, tz: d.tz });
  if (d.agent) {
    q.set('agent', d.agent.id);
    q.set('name', d.agent.name);
  }
  return `${PREFIX}${q}`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The drill-down a location hash names, or null. */
export function parseDrill(hash: string): Drill | null {
  if (!hash.startsWith(PREFIX)) return null;
  const q = new URLSearchParams(hash.slice(PREFIX.length));
  const metric = q.get('metric') ?? '';
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  const tz = q.get('tz') ?? '';
  if (!(metric in drillLabels) || !DATE.test(from) || !DATE.test(to) || !tz) return null;
  const agent = q.get('agent');
  return {
    metric: metric as DrillMetric,
    from,
    to,
    tz,
    ...(agent ? { agent: { id: agent, name: q.get('name') ?? 'one agent' } } : {}),
  };
}

/** "1–30 Nov 2026", "28 Oct – 3 Nov 2026": the period as people say it. */
export function periodText(from: string, to: string): string {
  const f = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(`${to}T00:00:00Z`);
  return from === to ? f.format(a) : f.formatRange(a, b);
}

/** "Reports: Missed, 1–30 Nov 2026 — 12 conversations". */
export function drillTitle(d: Drill, total: number | null): string {
  const who = d.agent ? ` (${d.agent.name})` : '';
  const count = total === null ? '' : ` — ${total} conversation${total === 1 ? '' : 's'}`;
  return `Reports: ${drillLabels[d.metric]}${who}, ${periodText(d.from, d.to)}${count}`;
}

export async function fetchDrill(d: Drill, page: number, limit = 50): Promise<DrillPage> {
  const q = new URLSearchParams({
    metric: d.metric,
    from: d.from,
    to: d.to,
    tz: d.tz,
    page: String(page),
    limit: String(limit),
  });
  if (d.agent) q.set('agent', d.agent.id);
  const res = await fetch(`/api/reports/conversations?${q}`, { credentials: 'same-origin' });
  const body = (await res.json().catch(() => ({}))) as DrillPage & { error?: { message: string } };
  if (!res.ok) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
  return body;
}
