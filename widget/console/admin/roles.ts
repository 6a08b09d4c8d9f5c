import type { AgentRole } from '../../../server/protocol/dto.ts';

export const roleLabels: Record<AgentRole, string> = {
  admin: 'Admin',
  agent: 'Agent',
  editor: 'Editor',
};
export const roleHelp =
  'Agents answer visitors. Editors see content gaps. Admins do both and manage the team.';
