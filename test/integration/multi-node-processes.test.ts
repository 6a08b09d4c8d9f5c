import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { Agents } from '../../server/domain/identity/agents.ts';
import { systemClock } from '../../server/lib/clock.ts';
import { randomIds } from '../../server/lib/ids.ts';
import type { AgentDTO, MessageDTO } from '../../server/protocol/dto.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import { openDatabase } from '../../server/storage/connect.ts';
import { createKyselyStore } from '../../server/storage/kysely-store.ts';
import { freePort, startServerProcess } from '../support/process.ts';
import {
  type AgentSocket,
  connected,
  nextEvent,
  request,
  until,
  type VisitorSocket,
} from '../support/server.ts';

const databaseUrl = process.env.DATABASE_URL ?? '';
const redisUrl = process.env.REDIS_URL ?? '';
const kbDir = resolve(import.meta.dirname, '..', 'fixtures', 'kb-basic');

// Needs PostgreSQL and Redis (CI provides both); vite.config.ts leaves this file out without them.
describe('two server processes on one PostgreSQL and one Redis', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
  });

  it('loses and doubles nothing when the visitor’s node is killed mid-conversation and the visitor moves to the other', async () => {
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, KB_DIR: kbDir };
    const email = `ops-${Date.now()}@example.com`;
    const db = await openDatabase({ kind: 'postgres', url: databaseUrl });
    const store = createKyselyStore(db.db);
    await new Agents({ store, clock: systemClock, ids: randomIds }).create({
      email,
      name: 'Ops',
      role: 'agent',
      password: 'two-nodes-password',
    });
    await db.close();
    const a = await startServerProcess(await freePort(), env);
    children.push(a.child);
    const b = await startServerProcess(await freePort(), env);
    children.push(b.child);

    const login = await fetch(`${b.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'two-nodes-password' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const agent: AgentSocket = connect(`${b.url}/agent`, {
      auth: { protocol: PROTOCOL_VERSION },
      extraHeaders: { cookie },
      transports: ['websocket'],
      forceNew: true,
    });
    await connected(agent);

    const { token } = await (
      await fetch(`${a.url}/api/visitor/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).json();
    const onA: VisitorSocket = connect(`${a.url}/visitor`, {
      auth: { token, protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    await connected(onA);
    const started = await request(onA, 'conversation:start', {
      clientId: 'nodes-start-01',
      text: 'n0',
    });
    if (!started.ok) throw new Error(started.error.message);
    const conversationId = started.data.conversation.id;
    const seenByAgent = new Map<string, number>();
    agent.on('message:created', (m: MessageDTO) =>
      seenByAgent.set(m.text, (seenByAgent.get(m.text) ?? 0) + 1),
    );
    for (let i = 1; i <= 5; i++)
      expect(
        (await request(onA, 'message:send', { conversationId, clientId: `nodes-msg-${i}-x`, text: `n${i}` }))
          .ok,
      ).toBe(true);

    // The visitor keeps typing; node A dies under them.
    const unsure = [6, 7, 8].map((i) => ({ conversationId, clientId: `nodes-msg-${i}-x`, text: `n${i}` }));
    for (const m of unsure) onA.emit('message:send', m, () => undefined);
    a.child.kill('SIGKILL');

    // The widget reconnects (here: to node B) and retries what it was not sure of, with the same client ids.
    const onB: VisitorSocket = connect(`${b.url}/visitor`, {
      auth: { token, protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    await connected(onB);
    const last = nextEvent<MessageDTO>(agent, 'message:created', (m) => m.text === 'n9');
    for (const m of unsure) expect((await request(onB, 'message:send', m)).ok).toBe(true);
    expect(
      (await request(onB, 'message:send', { conversationId, clientId: 'nodes-msg-9-x', text: 'n9' })).ok,
    ).toBe(true);
    await last;

    const detail = await request(agent, 'conversation:open', { conversationId });
    if (!detail.ok) throw new Error(detail.error.message);
    const texts = detail.data.messages.filter((m) => m.author === 'visitor').map((m) => m.text);
    expect(texts).toEqual(Array.from({ length: 10 }, (_, i) => `n${i}`));
    expect(detail.data.messages.map((m) => m.seq)).toEqual(detail.data.messages.map((_, i) => i + 1));
    expect([...seenByAgent.values()].every((n) => n === 1)).toBe(true);
    onB.disconnect();
    agent.disconnect();
  });

  it('shows an agent whose node was killed as offline once a node restarts, and keeps agents on other nodes online', async () => {
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, KB_DIR: kbDir };
    const db = await openDatabase({ kind: 'postgres', url: databaseUrl });
    const agents = new Agents({ store: createKyselyStore(db.db), clock: systemClock, ids: randomIds });
    const stamp = Date.now();
    const kim = await agents.create({
      email: `kim-${stamp}@example.com`,
      name: 'Kim',
      role: 'agent',
      password: 'presence-two-nodes',
    });
    const lee = await agents.create({
      email: `lee-${stamp}@example.com`,
      name: 'Lee',
      role: 'agent',
      password: 'presence-two-nodes',
    });
    await db.close();
    const portA = await freePort();
    let a = await startServerProcess(portA, env);
    children.push(a.child);
    const b = await startServerProcess(await freePort(), env);
    children.push(b.child);
    const consoleOn = async (url: string, email: string) => {
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'presence-two-nodes' }),
      });
      const s: AgentSocket = connect(`${url}/agent`, {
        auth: { protocol: PROTOCOL_VERSION },
        extraHeaders: { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '' },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      await connected(s);
      return s;
    };
    const statusOf = async (watcher: AgentSocket, id: string) => {
      const inbox = await request(watcher, 'inbox:list', {});
      if (!inbox.ok) throw new Error(inbox.error.message);
      return inbox.data.agents.find((x) => x.id === id)?.status;
    };
    await consoleOn(a.url, kim.email);
    const watcher = await consoleOn(b.url, lee.email);
    await until(async () => (await statusOf(watcher, kim.id)) === 'online');

    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('exit', r));
    const wentOffline = nextEvent<AgentDTO>(
      watcher,
      'agent:updated',
      (x) => x.id === kim.id && x.status === 'offline',
      // The restarted node must boot first (tsx compiles the server): on a busy machine that alone takes seconds.
      30_000,
    );
    a = await startServerProcess(portA, env);
    children.push(a.child);
    await wentOffline;
    expect(await statusOf(watcher, kim.id)).toBe('offline');
    expect(await statusOf(watcher, lee.id)).toBe('online');
    watcher.disconnect();
  });
});
