import { afterEach, describe, expect, it } from 'vitest';
import { request, startTestServer } from '../support/server.ts';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** The value of one sample line of a Prometheus scrape, e.g. `parley_queue_waiting` or `x{a="b"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('shows an operator the connections, messages, acks, queue, searches and the database of this node', async () => {
    server = await startTestServer();
    const visitor = await server.visitorWithConversation('Where is my parcel?');
    const ada = await server.agent('Ada');
    expect((await fetch(`${server.url}/api/kb/search?q=return`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/kb/search?q=zzqxv`)).status).toBe(200);

    let res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    let text = await res.text();
    expect(sample(text, 'parley_connected_sockets{namespace="visitor"}')).toBe(1);
    expect(sample(text, 'parley_connected_sockets{namespace="agent"}')).toBe(1);
    expect(sample(text, 'parley_messages_stored_total{author="visitor"}')).toBe(1);
    expect(
      sample(
        text,
        'parley_command_duration_seconds_count{namespace="visitor",command="conversation:start",outcome="ok"}',
      ),
    ).toBe(1);
    expect(sample(text, 'parley_queue_waiting')).toBe(1);
    expect(sample(text, 'parley_queue_longest_wait_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'parley_search_duration_seconds_count')).toBe(2);
    expect(sample(text, 'parley_search_empty_total')).toBe(1);
    expect(sample(text, 'parley_database_up')).toBe(1);
    expect(text).toMatch(/^parley_nodejs_eventloop_lag_seconds \d/m);

    // The agent claims and answers: the queue empties, an agent's message and a refused command are counted.
    expect(
      (await request(ada.socket, 'conversation:claim', { conversationId: visitor.conversation.id })).ok,
    ).toBe(true);
    const refused = await request(ada.socket, 'conversation:claim', {
      conversationId: 'no-such-conversation',
    });
    expect(refused.ok).toBe(false);
    res = await fetch(`${server.url}/metrics`);
    text = await res.text();
    expect(sample(text, 'parley_queue_waiting')).toBe(0);
    expect(sample(text, 'parley_queue_longest_wait_seconds')).toBe(0);
    expect(sample(text, 'parley_messages_stored_total{author="system"}')).toBe(1);
    expect(
      sample(
        text,
        'parley_command_duration_seconds_count{namespace="agent",command="conversation:claim",outcome="ok"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'parley_command_duration_seconds_count{namespace="agent",command="conversation:claim",outcome="error"}',
      ),
    ).toBe(1);
  });

  it('is not shown through a proxy, nor from elsewhere, without the token', async () => {
    server = await startTestServer();
    const proxied = await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(proxied.status).toBe(404);
    expect(await proxied.json()).toEqual({ error: { code: 'not_found', message: 'Not found' } });
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    server = await startTestServer({ app: { metricsToken: 'a-long-scrape-token-0123' } });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(404);
    const right = await fetch(`${server.url}/metrics`, {
      headers: { authorization: 'Bearer a-long-scrape-token-0123', 'x-forwarded-for': '203.0.113.9' },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('parley_database_up 1');
  });
});
