import type { ChatMessages } from '../app/i18n/index.ts';
import { AgentAvatar } from './agent-avatar.tsx';
import type { ChatState } from './store.ts';

/** Pure: what the visitor should know right now about the link and the conversation. */
export function statusText(state: ChatState, t: ChatMessages): string {
  const { link, conversation: c } = state;
  if (link === 'outdated') return t.outdated;
  if (link === 'unauthorized') return t.unauthorized;
  if (link === 'disconnected') return t.offline;
  if (!c) {
    if (link === 'connecting' && state.pending.length) return t.connecting;
    if (!state.availabilityChecked) return t.checking;
    const est = state.availability?.waitEstimateSeconds;
    const names = teamOf(state).map((p) => p.name);
    // People first: who is there, then what to expect (an estimate only when the figures support one).
    const parts = [names.length ? t.teamOnline(names.slice(0, 3)) : null, t.intro];
    if (est != null) parts.push(t.estimate(Math.ceil(est / 60)));
    return parts.filter(Boolean).join(' ');
  }
  if (c.status === 'closed') return t.closed;
  // A message left while nobody could chat: no queue, no wait; the answer comes by email.
  if (c.status === 'offline') return t.offlineStatus(state.email);
  if (c.status === 'assigned') return t.assigned(c.agent?.name || t.agent);
  const parts = [c.queuePosition ? t.queue(c.queuePosition) : t.waiting];
  // Never an invented time: without an estimate, the visitor hears that replies can follow by email.
  if (c.waitEstimateSeconds == null) parts.push(state.email ? t.emailSaved(state.email) : t.noEstimate);
  else parts.push(t.estimate(Math.ceil(c.waitEstimateSeconds / 60)));
  return parts.join(' ');
}

/** The agents online a visitor who has not written yet may talk to (none once a conversation exists). */
const teamOf = (s: ChatState) =>
  !s.conversation && s.availability?.accepting ? (s.availability.team ?? []) : [];

export function StatusBanner({ state, t }: { state: ChatState; t: ChatMessages }) {
  const warn = state.link === 'disconnected' || state.link === 'outdated';
  const agent = state.conversation?.status === 'assigned' ? state.conversation.agent : null;
  const team = teamOf(state).slice(0, 3);
  return (
    <div class={`status${warn ? ' status-warn' : ''}`}>
      {agent && (
        <AgentAvatar
          name={agent.name}
          size="large"
          picture={state.availability?.team.find((p) => p.name === agent.name)?.avatar}
        />
      )}
      {team.length > 0 && (
        <span class="team">
          {team.map((p) => (
            <AgentAvatar key={p.name} name={p.name} size="large" picture={p.avatar} />
          ))}
        </span>
      )}
      {warn && <span class="spinner" aria-hidden="true" />}
      <p role="status">{statusText(state, t)}</p>
    </div>
  );
}
