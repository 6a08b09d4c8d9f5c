import type { MessageDTO } from '../../server/protocol/dto.ts';
import type { ChatMessages } from '../app/i18n/index.ts';
import { systemEventOf } from '../ui/system-event.ts';

/**
 * A system message in the widget's language, or null when it has no event this widget knows: then its stored
 * (English) text shows, as it always did.
 */
export function systemText(m: MessageDTO, t: ChatMessages): string | null {
  const e = systemEventOf(m);
  if (!e) return null;
  switch (e.kind) {
    case 'agent-joined':
      return t.joined(e.agentName);
    case 'visitor-ended':
      return t.youEnded;
  }
}
