import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeClock } from '../../server/lib/clock.ts';
import type { MessageDTO } from '../../server/protocol/dto.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import { freePort, startServerProcess } from '../support/process.ts';
import {
  type AgentSocket,
  connected,
  FIXTURE_KB,
  nextEvent,
  request,
  startTestServer,
  until,
  type VisitorSocket,
} from '../support/server.ts';

/** The real server process on SQLite, as `npm start` runs it. */
const startProcess = (port: number, dataDir: string) =>
  startServerProcess(port, { DATA_DIR: dataDir, KB_DIR: FIXTURE_KB });

describe('faults', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
  });

  it('keeps every acknowledged message through a SIGKILL and stores retried ones once after the restart', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-kill-'));
    let server = await startProcess(port, dataDir);
    children.push(server.child);
    const session = await (
      await fetch(`${server.url}/api/visitor/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).json();
    const visitor: VisitorSocket = connect(`${server.url}/visitor`, {
      auth: { token: session.token, protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
    });
    await connected(visitor);
    const started = await request(visitor, 'conversation:start', {
      clientId: 'kill-start-01',
      text: 'm0',
    });
    if (!started.ok) throw new Error(started.error.message);
    const conversationId = started.data.conversation.id;
    const acked: string[] = ['m0'];
    for (let i = 1; i <= 20; i++) {
      const ack = await request(visitor, 'message:send', {
        conversationId,
        clientId: `kill-msg-${i}-xx`,
        text: `m${i}`,
      });
      if (ack.ok) acked.push(`m${i}`);
    }
    // Fire more without waiting, then kill the process mid-flight: some of these are never acknowledged.
    const inFlight = [21, 22, 23, 24, 25].map((i) => ({
      conversationId,
      clientId: `kill-msg-${i}-xx`,
      text: `m${i}`,
    }));
    for (const m of inFlight) visitor.emit('message:send', m, () => undefined);
    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.once('exit', r));

    server = await startProcess(port, dataDir);
    children.push(server.child);
    await connected(visitor).catch(() => undefined);
    await new Promise<void>((r) => (visitor.connected ? r() : visitor.once('connect', () => r())));
    // The client retries everything it was not sure of, with the same client ids.
    for (const m of inFlight) expect((await request(visitor, 'message:send', m)).ok).toBe(true);
    const sync = await request(visitor, 'conversation:sync', {
      since: { [conversationId]: 0 },
    });
    if (!sync.ok) throw new Error(sync.error.message);
    const texts = sync.data.messages.map((m) => m.text);
    for (const t of acked) expect(texts).toContain(t);
    expect(texts.filter((t) => /^m\d+$/.test(t))).toEqual(Array.from({ length: 26 }, (_, i) => `m${i}`));
    expect(sync.data.messages.map((m) => m.seq)).toEqual(sync.data.messages.map((_, i) => i + 1));
    visitor.disconnect();
    server.child.kill('SIGTERM');
  });

  it('shows no agent online after the server was killed with a console open, until the console comes back', async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-presence-'));
    const env = {
      DATA_DIR: dataDir,
      KB_DIR: FIXTURE_KB,
      PARLEY_ADMIN_EMAIL: 'lead@example.com',
      PARLEY_ADMIN_PASSWORD: 'presence-after-crash',
    };
    let server = await startServerProcess(port, env);
    children.push(server.child);
    const availability = async () =>
      (await (await fetch(`${server.url}/api/visitor/availability`)).json()) as { agentsOnline: number };
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'lead@example.com', password: 'presence-after-crash' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const openConsole = () => {
      const s: AgentSocket = connect(`${server.url}/agent`, {
        auth: { protocol: PROTOCOL_VERSION },
        extraHeaders: { cookie },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      return s;
    };
    const before = openConsole();
    await connected(before);
    await until(async () => (await availability()).agentsOnline === 1);

    server.child.kill('SIGKILL');
    await new Promise((r) => server.child.once('exit', r));
    server = await startServerProcess(port, env);
    children.push(server.child);
    // Nobody is at a console: a visitor must not be promised a person.
    await until(async () => (await availability()).agentsOnline === 0);

    const after = openConsole();
    await connected(after);
    await until(async () => (await availability()).agentsOnline === 1);
    after.disconnect();
    server.child.kill('SIGTERM');
  });

  it('tells the visitor when storing fails, and broadcasts nothing that was not stored', async () => {
    const server = await startTestServer();
    try {
      const { socket: agent } = await server.agent('Watcher');
      const visitor = server.visitorSocket((await server.newVisitor()).token);
      await connected(visitor);
      const started = await request(visitor, 'conversation:start', {
        clientId: 'db-fail-start',
        text: 'hello',
      });
      if (!started.ok) throw new Error(started.error.message);
      const seen: MessageDTO[] = [];
      agent.on('message:created', (m) => seen.push(m));
      const messages = server.store.messages;
      const append = messages.append.bind(messages);
      const appendIf = messages.appendIf.bind(messages);
      const broken = async () => {
        throw new Error('disk I/O error');
      };
      messages.append = broken;
      messages.appendIf = broken;
      const failed = await request(visitor, 'message:send', {
        conversationId: started.data.conversation.id,
        clientId: 'db-fail-msg-1',
        text: 'lost?',
      });
      expect(failed.ok).toBe(false);
      if (!failed.ok)
        expect(failed.error).toEqual({ code: 'internal', message: expect.stringMatching(/try again/) });
      messages.append = append;
      messages.appendIf = appendIf;
      const retried = nextEvent<MessageDTO>(agent, 'message:created', (m) => m.text === 'lost?');
      expect(
        (
          await request(visitor, 'message:send', {
            conversationId: started.data.conversation.id,
            clientId: 'db-fail-msg-1',
            text: 'lost?',
          })
        ).ok,
      ).toBe(true);
      await retried;
      expect(seen.filter((m) => m.text === 'lost?')).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('brings a client that was offline for 30 s up to date when it comes back', async () => {
    // 30 s of the server's time pass on a fake clock, stepped 3 s after each reply.
    const clock = fakeClock();
    const server = await startTestServer({ compose: { clock } });
    try {
      const { token } = await server.newVisitor();
      const first = server.visitorSocket(token);
      await connected(first);
      const started = await request(first, 'conversation:start', {
        clientId: 'offline-30-s',
        text: 'brb',
      });
      if (!started.ok) throw new Error(started.error.message);
      const conversationId = started.data.conversation.id;
      const { socket: agent } = await server.agent('Patient');
      first.disconnect();
      const i = 10;
      for (let k = 0; k < i; k++) {
        await request(agent, 'message:send', {
          conversationId,
          clientId: `while-away-${k}`,
          text: `while away ${k}`,
        });
        clock.advance(3000);
      }
      const back = server.visitorSocket(token);
      await connected(back);
      const sync = await request(back, 'conversation:sync', {
        since: { [conversationId]: 1 },
      });
      if (!sync.ok) throw new Error(sync.error.message);
      const replies = sync.data.messages.filter((m) => m.author === 'agent');
      expect(replies.map((m) => m.text)).toEqual(Array.from({ length: i }, (_, k) => `while away ${k}`));
      // Stamped by the server's clock, 3 s apart: the 30 s went by on the server too.
      expect(Date.parse(replies.at(-1)?.createdAt ?? '') - Date.parse(replies[0]?.createdAt ?? '')).toBe(
        27_000,
      );
    } finally {
      await server.close();
    }
  });
});
