import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../lib/clock.ts';
import { hashToken, type Ids } from '../../lib/ids.ts';
import type { PageContext } from '../../protocol/dto.ts';
import type { Store, VisitorRow } from '../../storage/store.ts';

/** Visitors are anonymous until they identify; they hold a server-issued opaque token, stored hashed. */
export class Visitors {
  constructor(
    private readonly deps: { store: Store; clock: Clock; ids: Ids; identitySecret?: string | undefined },
  ) {}

  async createSession(context: PageContext = {}): Promise<{ visitor: VisitorRow; token: string }> {
    const { store, clock, ids } = this.deps;
    const now = clock.now().toISOString();
    const token = ids.token();
    const visitor: VisitorRow = {
      id: ids.id(),
      name: null,
      email: null,
      verified: false,
      context: context as Record<string, string>,
      createdAt: now,
      lastSeenAt: now,
    };
    await store.visitors.create({ ...visitor, tokenHash: hashToken(token) });
    return { visitor, token };
  }

  fromToken(token: unknown): Promise<VisitorRow | undefined> {
    if (typeof token !== 'string' || token.length < 20 || token.length > 100)
      return Promise.resolve(undefined);
    return this.deps.store.visitors.byTokenHash(hashToken(token));
  }

  /** Name and email from the host page; verified only with a valid HMAC-SHA256 of the email. */
  async identify(
    visitorId: string,
    input: { name?: string | undefined; email?: string | undefined; hash?: string | undefined },
  ) {
    const verified = Boolean(input.email && input.hash && this.verify(input.email, input.hash));
    await this.deps.store.visitors.update(visitorId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.email !== undefined ? { email: input.email.toLowerCase() } : {}),
      verified,
    });
    return { verified };
  }

  async updateContext(visitorId: string, context: PageContext): Promise<void> {
    await this.deps.store.visitors.update(visitorId, {
      context: context as Record<string, string>,
      lastSeenAt: this.deps.clock.now().toISOString(),
    });
  }

  private verify(email: string, hash: string): boolean {
    const secret = this.deps.identitySecret;
    if (!secret) return false;
    const expected = createHmac('sha256', secret).update(email.toLowerCase()).digest();
    const given = Buffer.from(hash, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
