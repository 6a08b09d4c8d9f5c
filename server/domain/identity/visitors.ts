import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../lib/clock.ts';
import { hashToken, type Ids } from '../../lib/ids.ts';
import type { PageContext } from '../../protocol/dto.ts';
import { Limits } from '../../protocol/schemas.ts';
import type { Store, VisitorRow } from '../../storage/store.ts';

/** Visitors are anonymous until they identify; they hold a server-issued opaque token, stored hashed. */
export class Visitors {
  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      ids: Ids;
      identitySecret?: string | undefined;
      /** Told after a change agents should see (page history, name, email) is stored. */
      announce?: (visitor: VisitorRow) => void;
    },
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
      // The page the widget was first opened on starts the visitor's page history.
      pages: context.url ? [{ url: context.url, title: context.title ?? null, at: now }] : [],
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
    if (this.deps.announce) {
      const visitor = await this.deps.store.visitors.byId(visitorId);
      if (visitor) this.deps.announce(visitor);
    }
    return { verified };
  }

  async updateContext(visitorId: string, context: PageContext): Promise<void> {
    await this.deps.store.visitors.update(visitorId, {
      context: context as Record<string, string>,
      lastSeenAt: this.deps.clock.now().toISOString(),
    });
  }

  byId(id: string): Promise<VisitorRow | undefined> {
    return this.deps.store.visitors.byId(id);
  }

  /**
   * A page the visitor loaded: it becomes their current page and joins their page history (a reload of
   * the newest page only refreshes its time), of which the last `Limits.pageHistory` are kept. The visitor
   * as stored now.
   */
  async pageViewed(
    visitorId: string,
    page: { url: string; title?: string | undefined },
  ): Promise<VisitorRow | undefined> {
    const visitor = await this.deps.store.visitors.byId(visitorId);
    if (!visitor) return undefined;
    const at = this.deps.clock.now().toISOString();
    const title = page.title ?? null;
    const last = visitor.pages[visitor.pages.length - 1];
    const pages =
      last?.url === page.url
        ? [...visitor.pages.slice(0, -1), { url: page.url, title: title ?? last.title, at }]
        : [...visitor.pages, { url: page.url, title, at }].slice(-Limits.pageHistory);
    const { title: _previous, ...rest } = visitor.context;
    const context = { ...rest, url: page.url, ...(title !== null ? { title } : {}) };
    await this.deps.store.visitors.update(visitorId, { pages, context, lastSeenAt: at });
    const seen = { ...visitor, pages, context, lastSeenAt: at };
    this.deps.announce?.(seen);
    return seen;
  }

  private verify(email: string, hash: string): boolean {
    const secret = this.deps.identitySecret;
    if (!secret) return false;
    const expected = createHmac('sha256', secret).update(email.toLowerCase()).digest();
    const given = Buffer.from(hash, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
