import type { AvailabilityDTO } from '../../server/protocol/dto.ts';
import { AgentAvatar } from '../chat/agent-avatar.tsx';
import { useDeps } from './deps.ts';

interface Props {
  title: string;
  onBack?: (() => void) | undefined;
  onClose: () => void;
  /** Who is there to answer, when known: their faces and an honest word on the reply time. */
  availability?: AvailabilityDTO | null | undefined;
}

/** What the header says under the title: the usual reply time or the wait (both measured), else who is online, else that nobody is. */
export function teamLine(a: AvailabilityDTO, t: ReturnType<typeof useDeps>['t']): string {
  if (!a.accepting || a.team.length === 0)
    return a.agentsOnline === 0 || !a.withinHours ? t.chat.offlineTitle : '';
  // Nobody waiting: how soon the team usually answers (measured); else the wait in this queue.
  if (a.waiting === 0 && a.typicalReplySeconds != null)
    return t.chat.typicalReply(Math.max(1, Math.ceil(a.typicalReplySeconds / 60)));
  if (a.waitEstimateSeconds != null) return t.chat.estimate(Math.ceil(a.waitEstimateSeconds / 60));
  return t.chat.teamOnline(a.team.slice(0, 3).map((p) => p.name.split(/\s+/)[0] ?? p.name));
}

export function Header({ title, onBack, onClose, availability }: Props) {
  const { t } = useDeps();
  const team = availability?.accepting ? availability.team.slice(0, 3) : [];
  const line = availability ? teamLine(availability, t) : '';
  return (
    <header class="header">
      {onBack && (
        <button type="button" class="icon-btn" onClick={onBack} aria-label={t.back}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M15 18l-6-6 6-6" />
          </svg>
        </button>
      )}
      {team.length > 0 && (
        <span class="faces">
          {team.map((p) => (
            <AgentAvatar key={p.name} name={p.name} picture={p.avatar} size="large" />
          ))}
        </span>
      )}
      <div class="header-main">
        <h2 class="header-title" id="parley-title">
          {title}
        </h2>
        {line && <p class="header-line">{line}</p>}
      </div>
      <button type="button" class="icon-btn" onClick={onClose} aria-label={t.close}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
      </button>
    </header>
  );
}
