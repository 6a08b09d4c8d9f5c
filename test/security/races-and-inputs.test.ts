import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, request, startTestServer } from '../support/server.ts';

// Finding 8: a trail step's time must be a time; an invite accepted while an admin adds the same email is a
// conflict, never a 500.
let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('the self-service trail', () => {
  it('refuses a step whose time is not an ISO time, so agents never read "Invalid Date"', async () => {
    const socket = server.visitorSocket((await server.newVisitor()).token);
    await connected(socket);
    for (const at of ['yesterday', '<b>now</b>', '2026-13-45T99:99:99Z', '']) {
      const r = await request(socket, 'conversation:start', {
        clientId: `trail-at-${Math.random().toString(36).slice(2)}`,
        text: 'Hello',
        trail: [{ kind: 'search', query: 'refund', resultCount: 0, at }],
      });
      expect(!r.ok && r.error.code, at).toBe('validation_failed');
    }
    const ok = await request(socket, 'conversation:start', {
      clientId: 'trail-at-good-1',
      text: 'Hello',
      trail: [{ kind: 'search', query: 'refund', resultCount: 0, at: new Date().toISOString() }],
    });
    expect(ok.ok).toBe(true);
  });
});

describe('an invite accepted while an admin adds the same person', () => {
  it('answers one success and one conflict, never a 500', async () => {
    const admin = await server.agent('Admin', 'admin');
    const json = { 'content-type': 'application/json', cookie: admin.cookie };
    for (let round = 0; round < 4; round++) {
      const email = `race-${round}-${Math.random().toString(36).slice(2)}@example.com`;
      const invited = await fetch(`${server.url}/api/console/invites`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email, name: 'Racer', role: 'agent' }),
      });
      expect(invited.status).toBe(201);
      const token = ((await invited.json()) as { url: string }).url.split('#invite=')[1];
      const [accepted, created] = await Promise.all([
        fetch(`${server.url}/api/auth/invite/accept`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token, password: 'a long enough password 1' }),
        }),
        fetch(`${server.url}/api/console/agents`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ email, name: 'Racer', role: 'agent' }),
        }),
      ]);
      const statuses = [accepted.status, created.status].sort();
      expect(statuses, `round ${round}`).not.toContain(500);
      expect(statuses.filter((s) => s === 409)).toHaveLength(1);
    }
  });
});

describe('invisible characters in a visitor’s name', () => {
  it('drops zero-width characters and bidi overrides, so one name cannot pass for another', async () => {
    const { token } = await server.newVisitor();
    const socket = server.visitorSocket(token);
    await connected(socket);
    const identified = await request(socket, 'visitor:identify', { name: 'A\u200Bd\u2060a\u202E\uFEFF' });
    expect(identified.ok).toBe(true);
    const started = await request(socket, 'conversation:start', {
      clientId: 'invisible-name-1',
      text: 'Hello',
      name: '\u2066Ad\u200Ba\u2069',
    });
    if (!started.ok) throw new Error(started.error.message);
    const { socket: agent } = await server.agent('Reader');
    const detail = await request(agent, 'conversation:open', {
      conversationId: started.data.conversation.id,
    });
    if (!detail.ok) throw new Error(detail.error.message);
    expect(detail.data.visitor.name).toBe('Ada');
    expect(detail.data.messages[0]?.authorName).toBe('Ada');
  });

  it('keeps the joiners and direction marks that scripts need', async () => {
    const { token } = await server.newVisitor();
    const socket = server.visitorSocket(token);
    await connected(socket);
    const persian = 'می\u200Cخواهم';
    const r = await request(socket, 'visitor:identify', { name: persian });
    expect(r.ok).toBe(true);
  });
});
