import type { MessageDTO, SystemEvent } from '../../server/protocol/dto.ts';

/**
 * What a system message says, checked as it arrives from the server: a known kind with the parameters its wording
 * needs, else null (an older message, or a kind this client does not know yet, shows its stored text).
 */
export function systemEventOf(m: MessageDTO): SystemEvent | null {
  if (m.author !== 'system') return null;
  const e: unknown = m.system;
  if (!e || typeof e !== 'object') return null;
  const { kind, agentName } = e as Record<string, unknown>;
  if (kind === 'visitor-ended') return { kind };
  if (kind === 'agent-joined' && typeof agentName === 'string' && agentName.trim())
    return { kind, agentName };
  return null;
}
