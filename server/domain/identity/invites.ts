import { z } from 'zod';
import type { Clock } from '../../lib/clock.ts';
import { hashToken, type Ids } from '../../lib/ids.ts';
import { INVITE_TTL_DAYS, type InviteDTO, type InviteLookupResponse } from '../../protocol/accounts.ts';
import type { AgentRole } from '../../protocol/dto.ts';
import { ErrorCode } from '../../protocol/errors.ts';
import type { AgentRow, InviteRow, Store } from '../../storage/store.ts';
import { DomainError } from '../errors.ts';
import { newAgentSchema } from './agent-admin.ts';
import type { Agents } from './agents.ts';
import { newPasswordSchema } from './password-policy.ts';

export const INVITE_TTL_MS = INVITE_TTL_DAYS * 24 * 3600 * 1000;

/** Invite tokens are 43 base64url characters; anything far from that is not worth a database look-up. */
const token = z
  .string()
  .min(20, 'is not a valid invite')
  .max(128, 'is not a valid invite')
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid invite');
export const newInviteSchema = newAgentSchema;
/** `POST /api/console/invites`: the person, and whether to email them the link as well. */
export const inviteRequestSchema = newAgentSchema.extend({ sendEmail: z.boolean().optional() }).strict();
export const inviteLookupSchema = z.object({ token }).strict();
export const inviteAcceptSchema = z.object({ token, password: newPasswordSchema }).strict();

/** The link that opens an invite in the console; the token rides in the fragment, which no server logs. */
export const inviteUrl = (base: string, secret: string) => `${base}/console#invite=${secret}`;

const gone: Record<'expired' | 'used' | 'revoked', string> = {
  expired: 'This invite has expired. Ask an admin for a new one.',
  used: 'This invite has already been used. Sign in with the password you chose.',
  revoked: 'This invite was withdrawn. Ask an admin for a new one.',
};

export function inviteDTO(i: InviteRow, names: Map<string, string>): InviteDTO {
  return {
    id: i.id,
    email: i.email,
    name: i.name,
    role: i.role as AgentRole,
    createdAt: i.createdAt,
    expiresAt: i.expiresAt,
    createdBy: (i.createdBy && names.get(i.createdBy)) ?? null,
  };
}

/**
 * Invite links: an admin names a person and a role; the person opens the link, chooses a password and
 * is signed in. A link works once, for INVITE_TTL_DAYS, and only its hash is stored.
 */
export class Invites {
  constructor(private readonly deps: { store: Store; agents: Agents; clock: Clock; ids: Ids }) {}

  /**
   * A new invite and its secret token (shown once). A pending invite for the same email is replaced.
   * `actor` is the admin who made it; null from the command line.
   */
  async create(
    actor: AgentRow | null,
    input: z.infer<typeof newInviteSchema>,
  ): Promise<{ invite: InviteRow; token: string }> {
    const { store, clock, ids } = this.deps;
    if (await store.agents.byEmail(input.email)) {
      throw new DomainError(ErrorCode.conflict, 'An agent with that email already exists');
    }
    const now = clock.now();
    await store.invites.revoke({ email: input.email }, now.toISOString());
    const secret = ids.token();
    const invite: InviteRow = {
      id: ids.id(),
      tokenHash: hashToken(secret),
      email: input.email,
      name: input.name,
      role: input.role,
      maxChats: input.maxChats ?? null,
      createdBy: actor?.id ?? null,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + INVITE_TTL_MS).toISOString(),
      acceptedAt: null,
      revokedAt: null,
    };
    await store.invites.create(invite);
    return { invite, token: secret };
  }

  pending(): Promise<InviteRow[]> {
    return this.deps.store.invites.pending(this.deps.clock.now().toISOString());
  }

  async revoke(id: string): Promise<void> {
    const n = await this.deps.store.invites.revoke({ id }, this.deps.clock.now().toISOString());
    if (n === 0) throw new DomainError(ErrorCode.notFound, 'No pending invite with that id');
  }

  /** What the link's page shows: who it is for while it works, otherwise why it does not. */
  async lookup(secret: string): Promise<InviteLookupResponse> {
    const invite = await this.deps.store.invites.byTokenHash(hashToken(secret));
    if (!invite)
      throw new DomainError(
        ErrorCode.notFound,
        'This invite link is not valid. Check that it was copied whole.',
      );
    const status = this.statusOf(invite);
    if (status !== 'pending') return { status };
    return {
      status,
      invite: {
        email: invite.email,
        name: invite.name,
        role: invite.role as AgentRole,
        expiresAt: invite.expiresAt,
      },
    };
  }

  /** Uses the invite once: creates the account with the chosen password. Two tabs racing: one wins. */
  async accept(secret: string, password: string): Promise<{ agent: AgentRow; invite: InviteRow }> {
    const { store, agents, clock } = this.deps;
    const hash = hashToken(secret);
    const invite = await store.invites.byTokenHash(hash);
    if (!invite)
      throw new DomainError(
        ErrorCode.notFound,
        'This invite link is not valid. Check that it was copied whole.',
      );
    const status = this.statusOf(invite);
    if (status !== 'pending') throw new DomainError(ErrorCode.conflict, gone[status]);
    if (await store.agents.byEmail(invite.email)) {
      throw new DomainError(
        ErrorCode.conflict,
        'An account with this email already exists. Sign in instead.',
      );
    }
    if (!(await store.invites.accept(hash, clock.now().toISOString()))) {
      throw new DomainError(ErrorCode.conflict, gone.used);
    }
    try {
      const agent = await agents.create({
        email: invite.email,
        name: invite.name,
        role: invite.role as AgentRole,
        password,
        ...(invite.maxChats === null ? {} : { maxChats: invite.maxChats }),
      });
      return { agent, invite };
    } catch (err) {
      await store.invites.unaccept(hash);
      throw err;
    }
  }

  private statusOf(i: InviteRow): 'pending' | 'expired' | 'used' | 'revoked' {
    if (i.acceptedAt) return 'used';
    if (i.revokedAt) return 'revoked';
    if (i.expiresAt <= this.deps.clock.now().toISOString()) return 'expired';
    return 'pending';
  }
}
