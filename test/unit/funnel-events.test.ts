// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventReporter } from '../../widget/app/events.ts';

describe('the widget reports the self-service funnel per engaged session', () => {
  let calls: Array<{ url: string; body: { session?: string; events: Array<{ kind: string }> } }>;
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push({ url, body: JSON.parse(String(init.body)) });
    return new Response(null, { status: 204 });
  }) as unknown as typeof fetch;

  beforeEach(() => {
    calls = [];
    sessionStorage.clear();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('sends nothing for a visitor who only asks for a person, without engaging', () => {
    const r = createEventReporter('https://help.test/', fetchFn, 10);
    r.ask();
    r.chat('c1');
    vi.advanceTimersByTime(50);
    expect(calls).toEqual([]);
  });

  it('after a search, every step goes out under one session id', () => {
    const r = createEventReporter('https://help.test/', fetchFn, 10);
    r.search('refund', 3);
    r.view('returns');
    r.vote('returns', true, 'refund');
    r.ask();
    r.chat('c1');
    vi.advanceTimersByTime(50);
    const funnel = calls.filter((c) => c.url === 'https://help.test/api/reports/sessions');
    const gaps = calls.filter((c) => c.url === 'https://help.test/api/visitor/events');
    expect(funnel).toHaveLength(1);
    expect(funnel[0]?.body.session).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(funnel[0]?.body.events).toEqual([
      { kind: 'search', query: 'refund', resultCount: 3 },
      { kind: 'view', slug: 'returns', query: 'refund' },
      { kind: 'vote', slug: 'returns', helpful: true },
      { kind: 'ask' },
      { kind: 'chat', conversationId: 'c1' },
    ]);
    // Content-gap reports keep receiving searches and votes as before, without a session.
    expect(gaps[0]?.body).toEqual({
      events: [
        { kind: 'search', query: 'refund', resultCount: 3 },
        { kind: 'vote', slug: 'returns', helpful: true, query: 'refund' },
      ],
    });
  });

  it('keeps the session across pages of the same visit', () => {
    const first = createEventReporter('https://help.test/', fetchFn, 10);
    first.view('returns');
    vi.advanceTimersByTime(50);
    const second = createEventReporter('https://help.test/', fetchFn, 10);
    second.ask();
    vi.advanceTimersByTime(50);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.body).toEqual({ session: calls[0]?.body.session, events: [{ kind: 'ask' }] });
  });
});
