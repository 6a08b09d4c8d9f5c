import { render } from '@testing-library/preact';
import { vi } from 'vitest';
import type { ArticleView, SearchHit } from '../../../server/domain/knowledge-base/types.ts';
import type { MessageDTO, VisitorConversationDTO } from '../../../server/protocol/dto.ts';
import { createKbApi } from '../../../widget/app/api.ts';
import { type AppDeps, DepsContext } from '../../../widget/app/deps.ts';
import { en } from '../../../widget/app/i18n/en.ts';
import { initialShell } from '../../../widget/app/shell.ts';
import { createTrail } from '../../../widget/app/trail.ts';
import { Widget } from '../../../widget/app/Widget.tsx';
import type { Command, LinkState, VisitorConnection } from '../../../widget/chat/client.ts';
import { RequestError } from '../../../widget/chat/client.ts';
import type { SessionStore } from '../../../widget/chat/session.ts';
import type { StoredVisitor } from '../../../widget/ui/storage.ts';
import { createStore } from '../../../widget/ui/store.ts';

export const BASE = 'https://parley.test/';

export const hit = (slug: string, title: string, snippet = `About ${title}`): SearchHit => ({
  slug,
  title,
  heading: null,
  snippet,
  highlights: [],
  url: `/kb/${slug}`,
  score: 1,
  category: 'orders',
});

export const article = (slug: string, title: string, html: string): ArticleView => ({
  slug,
  title,
  description: '',
  category: 'orders',
  tags: [],
  html,
  sections: [],
  updatedAt: '2025-01-01',
  related: [],
});

export interface FakeKb {
  search?: Record<string, SearchHit[]>;
  articles?: Record<string, ArticleView>;
  failSearch?: boolean;
}

/** A fetch that answers the knowledge-base endpoints from memory and records what was asked. */
export function fakeFetch(kb: FakeKb) {
  const calls: Array<{ url: URL; signal: AbortSignal | undefined }> = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    calls.push({ url, signal: init?.signal ?? undefined });
    if (url.pathname === '/api/kb/search') {
      if (kb.failSearch) return json({ error: { code: 'internal', message: 'boom' } }, 500);
      const q = url.searchParams.get('q') ?? '';
      return json({ query: q, results: kb.search?.[q] ?? [] });
    }
    if (url.pathname.startsWith('/api/kb/articles/')) {
      const found = kb.articles?.[decodeURIComponent(url.pathname.split('/').pop()!)];
      return found ? json(found) : json({ error: { code: 'not_found', message: 'no' } }, 404);
    }
    if (url.pathname === '/api/kb/suggestions') return json({ articles: [] });
    return json({ error: { code: 'not_found', message: 'no' } }, 404);
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

/** Renders the open panel with fakes; returns the deps so tests can look at the trail and the shell. */
export function renderWidget(kb: FakeKb, over: Partial<AppDeps> = {}) {
  const launcher = document.createElement('button');
  launcher.textContent = 'Open help';
  document.body.appendChild(launcher);
  const net = fakeFetch(kb);
  const deps: AppDeps = {
    kb: createKbApi(BASE, net.fetch),
    t: en,
    trail: createTrail(null),
    events: { search: vi.fn(), vote: vi.fn(), lastQuery: () => undefined },
    shell: createStore({ ...initialShell(), open: true }),
    pageUrl: 'https://shop.test/cart',
    base: BASE,
    locale: 'en',
    launcher,
    identity: () => null,
    setOpen: vi.fn(),
    setUnread: vi.fn(),
    emit: vi.fn(),
    chat: () => new Promise(() => {}),
    ...over,
  };
  const view = render(
    <DepsContext.Provider value={deps}>
      <Widget greeting="Hi! How can we help?" dir="ltr" />
    </DepsContext.Provider>,
  );
  return { ...view, deps, net, launcher };
}

type Pending = {
  event: Command;
  input: unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
};

/** A realtime link the test drives by hand: it answers requests and raises facts and link states. */
export class FakeConnection implements VisitorConnection {
  requests: Pending[] = [];
  private facts = new Map<string, (payload: never) => void>();
  private states = new Set<(s: LinkState) => void>();
  closed = false;

  request = ((event: Command, input: unknown) =>
    new Promise((resolve, reject) =>
      this.requests.push({ event, input, resolve: resolve as (v: unknown) => void, reject }),
    )) as VisitorConnection['request'];
  on = ((event: string, fn: (payload: never) => void) => {
    this.facts.set(event, fn);
    return () => this.facts.delete(event);
  }) as VisitorConnection['on'];
  onState(fn: (s: LinkState) => void) {
    this.states.add(fn);
    return () => this.states.delete(fn);
  }
  close() {
    this.closed = true;
  }
  setState(s: LinkState) {
    for (const fn of this.states) fn(s);
  }
  fact(event: string, payload: unknown) {
    this.facts.get(event)?.(payload as never);
  }
  /** The oldest unanswered request for `event`. */
  next(event: Command): Pending | undefined {
    return this.requests.find((r) => r.event === event);
  }
  answer(event: Command, data: unknown) {
    const r = this.next(event);
    if (!r) throw new Error(`no pending ${event}`);
    this.requests.splice(this.requests.indexOf(r), 1);
    r.resolve(data);
  }
  fail(event: Command, code: ConstructorParameters<typeof RequestError>[0]) {
    const r = this.next(event);
    if (!r) throw new Error(`no pending ${event}`);
    this.requests.splice(this.requests.indexOf(r), 1);
    r.reject(new RequestError(code, code));
  }
}

export function fakeSession(
  initial: StoredVisitor | null = null,
): SessionStore & { stored: StoredVisitor | null } {
  const s = {
    stored: initial,
    get: () => s.stored,
    create: vi.fn(async () => {
      s.stored = { visitorId: 'v1', token: 'tok' };
      return s.stored;
    }),
    setConversation: (id: string | null) => {
      if (s.stored)
        s.stored = id
          ? { ...s.stored, conversationId: id }
          : { visitorId: s.stored.visitorId, token: s.stored.token };
    },
    clear: () => {
      s.stored = null;
    },
  };
  return s;
}

export const conv = (over: Partial<VisitorConversationDTO> = {}): VisitorConversationDTO => ({
  id: 'c1',
  status: 'waiting',
  lastSeq: 1,
  agent: null,
  queuePosition: 2,
  waitEstimateSeconds: 180,
  agentReadSeq: 0,
  agentDeliveredSeq: 0,
  rating: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  ...over,
});

export const msg = (over: Partial<MessageDTO>): MessageDTO => ({
  id: 'm1',
  conversationId: 'c1',
  seq: 1,
  clientId: null,
  author: 'visitor',
  authorName: null,
  text: 'hello',
  createdAt: '2025-01-01T00:00:00.000Z',
  ...over,
});
