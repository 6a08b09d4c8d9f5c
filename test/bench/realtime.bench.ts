/**
 * `npm run bench:realtime`: starts Parley as its own process(es) and drives it from this one over loopback.
 * N visitors (default 1,000) each send a message every 2 s and get agent replies; 20 agents receive everything.
 * Prints connect time, ack latency, visitor-to-agent delivery latency, messages per second, server RSS per
 * connected visitor, and memory with 5,000 idle visitors. Measures and prints; never passes or fails.
 *
 * Options (env): VISITORS (1000), DURATION_S (20), IDLE (5000; 0 skips the idle phase), TOPOLOGY=sqlite|pg-redis
 * (sqlite; pg-redis needs DATABASE_URL and REDIS_URL and runs two nodes, visitors on one, agents on the other).
 * Give pg-redis a fresh database for every run: the conversations of an earlier run are still there, and when
 * its agents are found gone at start-up they return to the queue and are handed to this run's agents.
 * CPU_PROFILE_DIR writes a V8 CPU profile of each node on exit. RECEIPTS=1: agents report delivery as consoles do.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { hashPassword } from '../../server/domain/identity/passwords.ts';
import { DEFAULT_SETTINGS } from '../../server/domain/settings.ts';
import { hashToken, randomIds } from '../../server/lib/ids.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import { type DatabaseTarget, openDatabase } from '../../server/storage/connect.ts';
import { createKyselyStore } from '../../server/storage/kysely-store.ts';

const root = resolve(import.meta.dirname, '..', '..');
const VISITORS = Number(process.env.VISITORS ?? 1000);
const DURATION_S = Number(process.env.DURATION_S ?? 20);
const IDLE = Number(process.env.IDLE ?? 5000);
const AGENTS = 20;
const TOPOLOGY = process.env.TOPOLOGY ?? 'sqlite';
const RECEIPTS = process.env.RECEIPTS === '1';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(1)} ms  p95 ${pct(xs, 95).toFixed(1)} ms  p99 ${pct(xs, 99).toFixed(1)} ms  (n=${xs.length})`;
const rssKb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function startNode(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const profile = process.env.CPU_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      KB_DIR: join(root, 'knowledge-base'),
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {
      // starting
    }
    await sleep(100);
  }
  throw new Error('server did not start');
}

/** Agents, visitors and settings go straight into the database: the sign-up paths are rate-limited per IP. */
async function seed(target: DatabaseTarget, visitors: number) {
  const db = await openDatabase(target);
  const store = createKyselyStore(db.db);
  const now = new Date().toISOString();
  await store.settings.put(
    'workspace',
    { ...DEFAULT_SETTINGS, routing: { ...DEFAULT_SETTINGS.routing, mode: 'auto', queueLimit: 10_000 } },
    now,
  );
  const passwordHash = await hashPassword('bench-password-1');
  const agents: string[] = [];
  const expires = new Date(Date.now() + 3600_000).toISOString();
  for (let i = 0; i < AGENTS; i++) {
    const id = randomIds.id();
    const email = `bench-agent-${i}-${id}@example.com`;
    await store.agents.create({
      id,
      email,
      name: `Agent ${i}`,
      role: 'agent',
      passwordHash,
      status: 'offline',
      maxChats: 100,
      disabled: false,
      mustChangePassword: false,
      createdAt: now,
    });
    const session = randomIds.token();
    await store.sessions.create(hashToken(session), id, now, expires);
    agents.push(session);
  }
  const tokens: string[] = [];
  for (let i = 0; i < visitors; i++) {
    const token = randomIds.token();
    await store.visitors.create({
      id: randomIds.id(),
      tokenHash: hashToken(token),
      name: null,
      email: null,
      verified: false,
      context: {},
      createdAt: now,
      lastSeenAt: now,
    });
    tokens.push(token);
  }
  await db.close();
  return { agents, tokens };
}

function visitorSocket(url: string, token: string): Socket {
  return connect(`${url}/visitor`, {
    auth: { token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
}

const connected = (s: Socket) =>
  new Promise<void>((res, rej) => {
    s.once('connect', () => res());
    s.once('connect_error', rej);
  });

async function main() {
  if (TOPOLOGY === 'pg-redis' && !(process.env.DATABASE_URL && process.env.REDIS_URL))
    throw new Error('pg-redis needs DATABASE_URL and REDIS_URL');
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const target: DatabaseTarget =
    TOPOLOGY === 'pg-redis'
      ? { kind: 'postgres', url: process.env.DATABASE_URL ?? '' }
      : { kind: 'sqlite', file: join(dataDir, 'parley.sqlite') };
  console.log(
    `Parley realtime benchmark: ${VISITORS} visitors, ${AGENTS} agents, ${DURATION_S} s, topology ${TOPOLOGY}${RECEIPTS ? ', with delivery receipts' : ''}`,
  );
  const { agents, tokens } = await seed(target, VISITORS + IDLE);
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    ...(TOPOLOGY === 'pg-redis'
      ? { DATABASE_URL: process.env.DATABASE_URL ?? '', REDIS_URL: process.env.REDIS_URL ?? '' }
      : {}),
  };
  const visitorNode = await startNode(env);
  const agentNode = TOPOLOGY === 'pg-redis' ? await startNode(env) : visitorNode;
  const nodes = [...new Set([visitorNode, agentNode])];
  try {
    // Agents run in their own process so that parsing their fan-out does not slow the visitors' clock.
    const agentWorker = fork(new URL(import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_AGENTS: JSON.stringify({ url: agentNode.url, sessions: agents }) },
    });
    await new Promise<void>((r) => agentWorker.once('message', () => r()));
    await sleep(500);
    const baseRss = nodes.reduce((sum, n) => sum + rssKb(n.child.pid ?? 0), 0);

    // Visitors connect, in batches.
    const connectMs: number[] = [];
    const visitors: Socket[] = [];
    for (let i = 0; i < VISITORS; i += 50) {
      await Promise.all(
        tokens.slice(i, Math.min(i + 50, VISITORS)).map(async (token) => {
          const t0 = performance.now();
          const s = visitorSocket(visitorNode.url, token);
          await connected(s);
          connectMs.push(performance.now() - t0);
          visitors.push(s);
        }),
      );
    }
    await sleep(500);
    const connectedRss = nodes.reduce((sum, n) => sum + rssKb(n.child.pid ?? 0), 0);

    const ackMs: number[] = [];
    const replyMs: number[] = [];
    const conversationOf = new Map<Socket, string>();
    for (const v of visitors) {
      v.on('message:created', (m: { author: string; text: string }) => {
        if (m.author === 'agent') {
          const t = Number(/@(\d+(\.\d+)?)$/.exec(m.text)?.[1]);
          if (Number.isFinite(t)) replyMs.push(clock() - t);
        }
      });
    }

    // Warm-up: every visitor opens a conversation (auto-assignment spreads them over the agents).
    const startMs: number[] = [];
    for (let i = 0; i < visitors.length; i += 50) {
      await Promise.all(
        visitors.slice(i, i + 50).map(async (v, k) => {
          const t0 = performance.now();
          const ack = (await v.timeout(30_000).emitWithAck('conversation:start', {
            clientId: `start-${i + k}-${randomIds.id()}`.slice(0, 60),
            text: 'hello',
          })) as {
            ok: boolean;
            data?: { conversation: { id: string } };
          };
          startMs.push(performance.now() - t0);
          if (ack.ok && ack.data) conversationOf.set(v, ack.data.conversation.id);
        }),
      );
    }
    await sleep(3000);
    agentWorker.send('reset');

    // Measured phase: 1,000 active conversations, each visitor sends every 2 s (staggered).
    let seq = 0;
    const send = (v: Socket) => {
      const conversationId = conversationOf.get(v);
      if (!conversationId) return;
      const clientId = `b${(seq++).toString(36)}-${randomIds.id()}`.slice(0, 60);
      const t0 = performance.now();
      const text = `hello @${clock().toFixed(3)}`;
      v.emit('message:send', { conversationId, clientId, text }, () => ackMs.push(performance.now() - t0));
    };
    const started = performance.now();
    const timers = visitors.map((v, i) => {
      const first = setTimeout(
        () => {
          send(v);
          timers[i] = setInterval(() => send(v), 2000);
        },
        (i / visitors.length) * 2000,
      );
      return first as NodeJS.Timeout;
    });
    await sleep(DURATION_S * 1000);
    for (const t of timers) clearInterval(t);
    const elapsed = (performance.now() - started) / 1000;
    await sleep(1500);
    agentWorker.send('report');
    const report = await new Promise<{ deliveryMs: number[]; received: number }>((r) =>
      agentWorker.once('message', r),
    );
    const { deliveryMs, received } = report;
    const loadRss = nodes.reduce((sum, n) => sum + rssKb(n.child.pid ?? 0), 0);

    console.log(`connect           ${fmt(connectMs)}`);
    console.log(`start (warm-up)   ${fmt(startMs)}   (conversation:start, incl. auto-assignment)`);
    console.log(`ack (stored)      ${fmt(ackMs)}`);
    console.log(`visitor -> agent  ${fmt(deliveryMs)}`);
    console.log(`agent -> visitor  ${fmt(replyMs)}   (reply round trip incl. the agent's send)`);
    console.log(
      `throughput        ${(ackMs.length / elapsed).toFixed(0)} visitor messages/s stored, ${(received / elapsed).toFixed(0)} agent deliveries/s`,
    );
    console.log(
      `server RSS        ${(baseRss / 1024).toFixed(0)} MB with agents; ${((connectedRss - baseRss) / VISITORS).toFixed(1)} KB per connected visitor; ${(loadRss / 1024).toFixed(0)} MB under load`,
    );
    for (const v of visitors) v.disconnect();

    // Idle visitors: connected, silent.
    if (IDLE === 0) {
      agentWorker.kill();
      return;
    }
    await sleep(1000);
    const idleBase = nodes.reduce((sum, n) => sum + rssKb(n.child.pid ?? 0), 0);
    const idle: Socket[] = [];
    for (let i = VISITORS; i < VISITORS + IDLE; i += 100) {
      await Promise.all(
        tokens.slice(i, Math.min(i + 100, VISITORS + IDLE)).map(async (token) => {
          const s = visitorSocket(visitorNode.url, token);
          await connected(s);
          idle.push(s);
        }),
      );
    }
    await sleep(2000);
    const idleRss = nodes.reduce((sum, n) => sum + rssKb(n.child.pid ?? 0), 0);
    console.log(
      `idle visitors     ${idle.length} connected: ${(idleRss / 1024).toFixed(0)} MB RSS, ${((idleRss - idleBase) / idle.length).toFixed(1)} KB per idle visitor`,
    );
    for (const s of idle) s.disconnect();
    agentWorker.kill();
  } finally {
    for (const n of nodes) n.child.kill('SIGTERM');
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Shared across processes: milliseconds since the epoch, sub-millisecond precision. */
function clock() {
  return performance.timeOrigin + performance.now();
}

/** The agents' side: 20 consoles; every fifth visitor message gets a reply that echoes the visitor's stamp. */
async function agentsThread(url: string, sessions: string[]) {
  const sockets: Socket[] = [];
  for (const session of sessions) {
    const s = connect(`${url}/agent`, {
      auth: { protocol: PROTOCOL_VERSION },
      extraHeaders: { cookie: `parley_session=${session}` },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    await connected(s);
    sockets.push(s);
  }
  const deliveryMs: number[] = [];
  let received = 0;
  let replyCounter = 0;
  sockets[0]?.on('message:created', (m: { text: string; author: string }) => {
    if (m.author !== 'visitor') return;
    const t = Number(/@(\d+(\.\d+)?)$/.exec(m.text)?.[1]);
    if (Number.isFinite(t)) deliveryMs.push(clock() - t);
  });
  // RECEIPTS=1: like a console, each agent reports the visitor messages of its own conversations as delivered.
  const owner = new Map<string, string>();
  const ids = RECEIPTS
    ? await Promise.all(
        sockets.map(async (a) => {
          const r = (await a.emitWithAck('inbox:list', {})) as { ok: boolean; data?: { me: { id: string } } };
          return r.data?.me.id ?? '';
        }),
      )
    : [];
  if (RECEIPTS) {
    sockets[0]?.on('conversation:updated', (c: { id: string; agent: { id: string } | null }) => {
      if (c.agent) owner.set(c.id, c.agent.id);
    });
    const listed = (await sockets[0]?.emitWithAck('inbox:list', {})) as {
      data?: { conversations: Array<{ id: string; agent: { id: string } | null }> };
    };
    for (const c of listed.data?.conversations ?? []) if (c.agent) owner.set(c.id, c.agent.id);
  }
  for (const [i, a] of sockets.entries()) {
    a.on('message:created', (m: { author: string; conversationId: string; text: string; seq: number }) => {
      received += 1;
      if (RECEIPTS && m.author === 'visitor' && owner.get(m.conversationId) === ids[i])
        a.emit('message:delivered', { conversationId: m.conversationId, seq: m.seq }, () => undefined);
      if (m.author !== 'visitor' || ++replyCounter % (5 * sessions.length) !== 0) return;
      const stamp = /@(\d+(\.\d+)?)$/.exec(m.text)?.[1] ?? '';
      a.emit(
        'message:send',
        { conversationId: m.conversationId, clientId: `reply-${randomIds.id()}`, text: `re @${stamp}` },
        () => undefined,
      );
    });
  }
  process.send?.('ready');
  process.on('message', (m) => {
    if (m === 'reset') {
      deliveryMs.length = 0;
      received = 0;
    } else process.send?.({ deliveryMs, received });
  });
}

if (process.env.BENCH_AGENTS) {
  const { url, sessions } = JSON.parse(process.env.BENCH_AGENTS) as { url: string; sessions: string[] };
  void agentsThread(url, sessions);
} else
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
