import type { AgentRole } from './dto.ts';

/** The one password rule, for every way a password is set (invite, change, CLI, environment). */
export const PasswordRules = { minLength: 10, maxLength: 200 } as const;

/** How long an invite link works. */
export const INVITE_TTL_DAYS = 7;

/** A pending invite, as admins see it in the console. The link itself is shown only once, when made. */
export interface InviteDTO {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  createdAt: string;
  expiresAt: string;
  /** Name of the admin who made it, when that account still exists. */
  createdBy: string | null;
}

/**
 * `POST /api/console/invites` {email, name, role, sendEmail?} answer: the invite and its link, to pass on.
 * With `sendEmail`, `email` says what became of the email: `sent` (to the mail server), `outbox` (no SMTP_URL:
 * written to the outbox folder for whoever runs the server) or `failed`; short of `sent`, pass the link on yourself.
 */
export interface InviteCreatedResponse {
  invite: InviteDTO;
  url: string;
  email?: InviteEmailOutcome;
}
export type InviteEmailOutcome = 'sent' | 'outbox' | 'failed';

/**
 * `POST /api/auth/invite` {token}: what an invite link's page shows. Unknown tokens are a 404;
 * a link that no longer works says why, without the invite's details.
 */
export type InviteLookupResponse =
  | { status: 'pending'; invite: Pick<InviteDTO, 'email' | 'name' | 'role' | 'expiresAt'> }
  | { status: 'expired' | 'used' | 'revoked' };

/**
 * `invite:updated` on the /agent socket, to admins only: an invite was made (`pending`), used or withdrawn.
 * Carries no personal details; an open Agents screen reloads its lists. Expiry is not announced: a console
 * drops an invite from its list when `expiresAt` passes.
 */
export interface InviteUpdatedEvent {
  id: string;
  status: 'pending' | 'used' | 'revoked';
}
