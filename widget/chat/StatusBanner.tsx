import type { ChatMessages } from '../app/i18n/index.ts';
import type { ChatState } from './store.ts';

/** Pure: what the visitor should know right now about the link and the conversation. */
export function statusText(state: ChatState, t: ChatMessages): string {
  const { link, conversation: c } = state;
  if (link === 'outdated') return t.outdated;
  if (link === 'unauthorized') return t.unauthorized;
  if (link === 'disconnected') return t.offline;
  if (!c) return link === 'connecting' && state.pending.length ? t.connecting : t.intro;
  if (c.status === 'closed') return t.closed;
  if (c.status === 'assigned') return t.assigned(c.agent?.name ?? t.agent);
  const parts = [c.queuePosition ? t.queue(c.queuePosition) : t.waiting];
  parts.push(
    c.waitEstimateSeconds == null ? t.noEstimate : t.estimate(Math.ceil(c.waitEstimateSeconds / 60)),
  );
  return parts.join(' ');
}

export function StatusBanner({ state, t }: { state: ChatState; t: ChatMessages }) {
  const warn = state.link === 'disconnected' || state.link === 'outdated';
  return (
    <p class={`status${warn ? ' status-warn' : ''}`} role="status">
      {statusText(state, t)}
    </p>
  );
}
