import type { AgentRole } from '../../protocol/dto.ts';
import type { InviteRow } from '../../storage/store.ts';
import type { Mail } from '../follow-up/mailer.ts';

const roleText: Record<AgentRole, string> = {
  admin: 'as an admin: you will answer visitors and manage the team',
  agent: 'as an agent, to answer visitors',
  editor: 'as an editor, to see what visitors could not find',
};

/**
 * The email that carries an invite link to the person it is for. Plain text; the subject is fixed, so
 * nothing an admin types (a name) can reach a header.
 */
export function inviteEmail(invite: InviteRow, url: string, invitedBy: string | null): Mail {
  const until = new Date(invite.expiresAt).toUTCString().replace(/:\d\d GMT$/, ' UTC');
  const who = invitedBy ? `${invitedBy} invited you` : 'You are invited';
  return {
    to: invite.email,
    subject: 'Your invitation to the Parley console',
    text: [
      `Hello ${invite.name},`,
      '',
      `${who} to join the team on Parley ${roleText[invite.role as AgentRole] ?? 'to answer visitors'}.`,
      '',
      'Open this link to choose your password and sign in:',
      url,
      '',
      `The link works once, until ${until}. If it has expired, ask an admin for a new one.`,
      'If you did not expect this invitation, you can ignore this email.',
      '',
    ].join('\n'),
  };
}
