import type { InviteEmailOutcome } from '../../protocol/accounts.ts';
import type { AgentRole } from '../../protocol/dto.ts';
import type { InviteRow } from '../../storage/store.ts';
import type { Mail, Mailer } from '../follow-up/mailer.ts';

/** How long to wait for the mail server before telling whoever made the invite to pass the link on themselves. */
const INVITE_EMAIL_TIMEOUT_MS = 10_000;

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

/**
 * Sends an invite's email; never throws, since the invite stands whatever happens and whoever made it still
 * holds the link. `sent` (to the mail server), `outbox` (only written to the outbox folder) or `failed`, with why.
 */
export async function sendInviteEmail(
  mailer: Mailer | undefined,
  mail: Mail,
  timeoutMs = INVITE_EMAIL_TIMEOUT_MS,
): Promise<{ outcome: InviteEmailOutcome; error?: string }> {
  if (!mailer) return { outcome: 'failed', error: 'no mailer is configured' };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      mailer.send(mail),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('the mail server did not answer in time')), timeoutMs);
      }),
    ]);
    return { outcome: mailer.delivers === false ? 'outbox' : 'sent' };
  } catch (err) {
    return { outcome: 'failed', error: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
