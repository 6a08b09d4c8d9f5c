import type { Clock } from '../../lib/clock.ts';
import { hashToken, type Ids } from '../../lib/ids.ts';
import type { AgentDTO, AgentRole } from '../../protocol/dto.ts';
import { ErrorCode } from '../../protocol/errors.ts';
import type { AgentRow, Store } from '../../storage/store.ts';
import { DomainError } from '../errors.ts';
import { DUMMY_HASH, hashPassword, oneTimePassword, verifyPassword } from './passwords.ts';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

export function agentDTO(a: AgentRow): AgentDTO {
  return {
    id: a.id,
    name: a.name,
    email: a.email,
    role: a.role as AgentRole,
    status: a.status as AgentDTO['status'],
    maxChats: a.maxChats,
    disabled: a.disabled,
    ...(a.mustChangePassword ? { mustChangePassword: true } : {}),
  };
}

export interface NewAgent {
  email: string;
  name: string;
  role: AgentRole;
  password: string;
  maxChats?: number;
  /** The password was made for them (a one-time password): they choose their own at first sign-in. */
  mustChangePassword?: boolean;
}

/** Agent accounts and their sign-in sessions. */
export class Agents {
  constructor(private readonly deps: { store: Store; clock: Clock; ids: Ids }) {}

  async create(input: NewAgent): Promise<AgentRow> {
    const { store } = this.deps;
    if (await store.agents.byEmail(input.email)) {
      throw new DomainError(ErrorCode.conflict, 'An agent with that email already exists');
    }
    const row = await this.newRow(input);
    try {
      await store.agents.create(row);
    } catch (err) {
      // Added meanwhile (an invite accepted while an admin adds the same person): the same conflict.
      if (await store.agents.byEmail(row.email)) {
        throw new DomainError(ErrorCode.conflict, 'An agent with that email already exists');
      }
      throw err;
    }
    return row;
  }

  private async newRow(input: NewAgent): Promise<AgentRow> {
    const { clock, ids } = this.deps;
    return {
      id: ids.id(),
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      status: 'offline',
      maxChats: input.maxChats ?? 5,
      disabled: false,
      mustChangePassword: input.mustChangePassword ?? false,
      createdAt: clock.now().toISOString(),
    };
  }

  /**
   * Creates the first admin from the environment when no agent exists yet. True when it did. Several
   * nodes starting together on an empty database all try: one insert lands, the others find it made.
   */
  async bootstrapAdmin(
    email: string | undefined,
    password: string | undefined,
    displayName?: string,
  ): Promise<boolean> {
    const { store } = this.deps;
    if (!email || !password || (await store.agents.count()) > 0) return false;
    // PARLEY_ADMIN_NAME, else the email's local part until they rename themselves under Your account.
    const name = displayName?.trim() || (email.split('@')[0] ?? 'Admin');
    return store.agents.createIfAbsent(await this.newRow({ email, password, name, role: 'admin' }));
  }

  /** A session token for valid credentials; one generic error otherwise, whichever part was wrong. */
  async signIn(email: string, password: string): Promise<{ token: string; agent: AgentRow }> {
    const { store } = this.deps;
    const agent = await store.agents.byEmail(email);
    const ok = await verifyPassword(password, agent?.passwordHash ?? DUMMY_HASH);
    if (!agent || !ok || agent.disabled) {
      throw new DomainError(ErrorCode.unauthorized, 'Email or password is incorrect');
    }
    return { token: await this.startSession(agent.id), agent };
  }

  /** A new session for an agent who has proved who they are (password, invite); the token to put in the cookie. */
  async startSession(agentId: string): Promise<string> {
    const { store, clock, ids } = this.deps;
    const token = ids.token();
    const now = clock.now();
    await store.sessions.create(
      hashToken(token),
      agentId,
      now.toISOString(),
      new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
    );
    return token;
  }

  /**
   * Sets a new password when the current one is right. Every other session of the agent ends (a
   * stolen session or a forgotten computer stops working); the one that made the change stays.
   */
  async changePassword(
    agent: AgentRow,
    current: string,
    next: string,
    sessionToken: string | undefined,
  ): Promise<void> {
    const { store } = this.deps;
    if (!(await verifyPassword(current, agent.passwordHash))) {
      throw new DomainError(ErrorCode.forbidden, 'The current password is not right');
    }
    await store.agents.update(agent.id, {
      passwordHash: await hashPassword(next),
      mustChangePassword: false,
    });
    await store.sessions.deleteForAgent(agent.id, sessionToken ? hashToken(sessionToken) : undefined);
  }

  /**
   * The first password of one's own, after signing in with a one-time password: the session is the
   * proof, so the current password is not asked again. Only while a change is required (otherwise the
   * current password is needed, through changePassword); it must differ from the one-time password.
   * Every other session ends, as with any password change.
   */
  async choosePassword(agent: AgentRow, next: string, sessionToken: string | undefined): Promise<AgentRow> {
    const { store } = this.deps;
    if (!agent.mustChangePassword) {
      throw new DomainError(
        ErrorCode.conflict,
        'Your password is already your own; change it under Your account with the current one',
      );
    }
    if (await verifyPassword(next, agent.passwordHash)) {
      throw new DomainError(ErrorCode.conflict, 'Choose a password other than the one-time password');
    }
    await store.agents.update(agent.id, {
      passwordHash: await hashPassword(next),
      mustChangePassword: false,
    });
    await store.sessions.deleteForAgent(agent.id, sessionToken ? hashToken(sessionToken) : undefined);
    return { ...agent, mustChangePassword: false };
  }

  /** The signed-in, enabled agent behind a session token. */
  async fromSession(token: string | undefined): Promise<AgentRow | undefined> {
    if (!token) return undefined;
    const agent = await this.deps.store.sessions.agentFor(
      hashToken(token),
      this.deps.clock.now().toISOString(),
    );
    return agent && !agent.disabled ? agent : undefined;
  }

  async signOut(token: string | undefined): Promise<void> {
    if (token) await this.deps.store.sessions.delete(hashToken(token));
  }

  /** A new one-time password, shown once and never stored in clear; every session of the agent ends. */
  async resetPassword(id: string): Promise<{ agent: AgentRow; password: string }> {
    const { store } = this.deps;
    const agent = await store.agents.byId(id);
    if (!agent) throw new DomainError(ErrorCode.notFound, 'Agent not found');
    const password = oneTimePassword();
    await store.agents.update(id, { passwordHash: await hashPassword(password), mustChangePassword: true });
    await store.sessions.deleteForAgent(id);
    return { agent: { ...agent, mustChangePassword: true }, password };
  }

  async setStatus(agentId: string, status: 'online' | 'away' | 'offline'): Promise<AgentRow> {
    await this.deps.store.agents.update(agentId, { status });
    const agent = await this.deps.store.agents.byId(agentId);
    if (!agent) throw new DomainError(ErrorCode.notFound, 'Agent not found');
    return agent;
  }

  byId(id: string): Promise<AgentRow | undefined> {
    return this.deps.store.agents.byId(id);
  }

  count(): Promise<number> {
    return this.deps.store.agents.count();
  }

  list(): Promise<AgentRow[]> {
    return this.deps.store.agents.list();
  }
}
