/**
 * `npm run bench:realtime`: starts Parley as its own process(es) and drives it from this one over loopback,
 * then does the same against a bare socket.io relay (test/bench/relay.mjs: acks and relays each message to one
 * agent, no database) in the same run: the floor on this machine. For each visitor count of the curve: N
 * visitors each send a message every INTERVAL_S seconds; 20 agents, each with its share of the conversations
 * (auto-assignment), reply to every fifth. Prints ack p50/p99, visitor->agent and agent->visitor p99, messages/s
 * stored, RSS per visitor, server CPU, database round trips (statements and BEGIN/COMMIT) per message and per
 * conversation start, and the ratio to the floor, with the load average during each run, then the curve as a
 * table. Measures and prints; never passes or fails.
 *
 * Options, as flags after `--` (or the environment variables in brackets):
 *   --store=sqlite|postgres  (STORE) the database; postgres needs DATABASE_URL, and each run gets a new, empty
 *                            database beside it (dropped afterwards)
 *   --nodes=1|2              (NODES) two nodes need --store=postgres and REDIS_URL: visitors on one, agents on
 *                            the other (TOPOLOGY=pg-redis is the same as --store=postgres --nodes=2)
 *   --curve=1000,2000,3000,5000 (CURVE; VISITORS=n runs one count)
 *   --interval=2             (INTERVAL_S) each visitor's send interval: visitors / interval messages per second
 *   --duration=10            (DURATION_S) seconds of the measured phase per run
 *   --relay=1                (RELAY) 0 skips the floor
 *   --idle=0                 (IDLE) n also connects n silent visitors after each Parley run: RSS per idle visitor
 *   --receipts=0             (RECEIPTS) 1: agents report delivery as consoles do
 *   --compiled=1             (COMPILED) the nodes run dist/server (built first when stale) as `npm start` does;
 *                            0 runs the sources under tsx
 * CPU_PROFILE_DIR writes a V8 CPU profile of each node on exit.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { SERVER_NODE_FLAGS } from '../../scripts/node-flags.mjs';
import { hashPassword } from '../../server/domain/identity/passwords.ts';
import { DEFAULT_SETTINGS } from '../../server/domain/settings.ts';
import { hashToken, randomIds } from '../../server/lib/ids.ts';
import type {
  AgentClientEvents,
  AgentServerEvents,
  VisitorClientEvents,
  VisitorServerEvents,
} from '../../server/protocol/events.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import { type DatabaseTarget, openDatabase } from '../../server/storage/connect.ts';
import { createKyselyStore } from '../../server/storage/kysely-store.ts';
import { request } from '../support/request.ts';
import { freshPostgres } from './support/fresh-postgres.ts';

type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

const root = resolve(import.meta.dirname, '..', '..');
const option = (flag: string, env: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${flag}=`))?.slice(flag.length + 3) ??
  process.env[env] ??
  fallback;
const pgRedis = process.env.TOPOLOGY === 'pg-redis';
const STORE = option('store', 'STORE', pgRedis ? 'postgres' : 'sqlite');
const NODES = Number(option('nodes', 'NODES', pgRedis ? '2' : '1'));
const CURVE = option('curve', 'CURVE', process.env.VISITORS ?? '1000,2000,3000,5000')
  .split(',')
  .map(Number);
const INTERVAL_S = Number(option('interval', 'INTERVAL_S', '2'));
const DURATION_S = Number(option('duration', 'DURATION_S', '10'));
const RELAY = option('relay', 'RELAY', '1') !== '0';
const IDLE = Number(option('idle', 'IDLE', '0'));
const RECEIPTS = option('receipts', 'RECEIPTS', '0') === '1';
const SINGLE_STARTS = 20;
const AGENTS = 20;
/** How long a benchmark client waits for an ack: under overload acks come seconds late, and that is measured. */
const ACK_WAIT_MS = 120_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const rssKb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Whether the nodes run the compiled server (as `npm start` does) rather than the sources under tsx. */
let compiled = false;

async function startNode(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const profile = process.env.CPU_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.CPU_PROFILE_DIR}`]
    : [];
  const entry = compiled
    ? ['--enable-source-maps', join(root, 'dist', 'server', 'main.js')]
    : ['--import', 'tsx', join(root, 'server', 'main.ts')];
  // The flags `npm start` runs the server with.
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...profile, ...entry], {
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
      maxChats: 1000,
      disabled: false,
      mustChangePassword: false,
      createdAt: now,
    });
    const session = randomIds.token();
    await store.sessions.create(hashToken(session), id, now, expires);
    agents.push(session);
  }
  // Visitors in batches: one by one, 5,000 of them took longer than the run they are for.
  const tokens = Array.from({ length: visitors }, () => randomIds.token());
  for (let i = 0; i < tokens.length; i += 500) {
    const rows = tokens.slice(i, i + 500).map((token) => ({
      id: randomIds.id(),
      token_hash: hashToken(token),
      name: null,
      email: null,
      verified: 0,
      context: '{}',
      pages: '[]',
      created_at: now,
      last_seen_at: now,
    }));
    await db.db.insertInto('visitors').values(rows).execute();
  }
  await db.close();
  return { agents, tokens };
}

function visitorSocket(url: string, token: string): VisitorSocket {
  return connect(`${url}/visitor`, {
    auth: { token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
}

const connected = (s: VisitorSocket | AgentSocket) =>
  new Promise<void>((res, rej) => {
    // `connect` and `connect_error` are Socket.IO's own events, the same on every typed socket.
    const plain = s as unknown as Socket;
    plain.once('connect', () => res());
    plain.once('connect_error', rej);
  });

interface Figures {
  label: string;
  visitors: number;
  singleMs: number[];
  startMs: number[];
  ackMs: number[];
  deliveryMs: number[];
  /** The agents' replies, sent to acknowledged. */
  replyAckMs: number[];
  replyMs: number[];
  stored: number;
  elapsed: number;
  rssPerVisitorKb: number;
  rssMb: number;
  cpuPct: number;
  queriesPerMessage: number | null;
  queriesPerStart: number | null;
  /** Summary frames per second, all consoles together. */
  summaries: number;
  /** Messages sent in the measured phase; refused (an error ack) or not yet acknowledged 1.5 s after it. */
  sent: number;
  refused: number;
  /** The refusals by error code. */
  refusals: string;
  pending: number;
  load: string;
}

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
/** User + system CPU seconds of a process. */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
/** Parley's round-trip counter from /metrics (answered to scrapes from this machine). */
async function queriesOf(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const counter = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  // Round trips: the statements and the BEGIN/COMMIT around the transactions'.
  return counter('parley_database_queries_total') + counter('parley_database_transaction_statements_total');
}

async function startRelay(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(root, 'test', 'bench', 'relay.mjs')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>((r) =>
    child.stdout?.once('data', (d: Buffer) => r(d.toString().trim())),
  );
  return { url: `http://127.0.0.1:${port}`, child };
}

async function run(system: 'parley' | 'relay', visitorCount: number): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
  const fresh = system === 'parley' && STORE === 'postgres' ? await freshPostgres('parley_bench') : undefined;
  const target: DatabaseTarget = fresh
    ? { kind: 'postgres', url: fresh.url }
    : { kind: 'sqlite', file: join(dataDir, 'parley.sqlite') };
  const idleCount = system === 'parley' ? IDLE : 0;
  const seeded =
    system === 'parley'
      ? await seed(target, visitorCount + idleCount)
      : {
          agents: Array.from({ length: AGENTS }, () => 'relay'),
          tokens: Array.from({ length: visitorCount }, () => randomIds.token()),
        };
  const { agents, tokens } = seeded;
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    ...(fresh ? { DATABASE_URL: fresh.url } : {}),
    // DATABASE_PREPARED=off compares PostgreSQL without named statements.
    ...(process.env.DATABASE_PREPARED ? { DATABASE_PREPARED: process.env.DATABASE_PREPARED } : {}),
    ...(NODES > 1 ? { REDIS_URL: process.env.REDIS_URL ?? '' } : {}),
  };
  const visitorNode = system === 'relay' ? await startRelay() : await startNode(env);
  const agentNode = system === 'parley' && NODES > 1 ? await startNode(env) : visitorNode;
  const nodes = [...new Set([visitorNode, agentNode])];
  const pids = nodes.map((n) => n.child.pid ?? 0);
  const rss = () => pids.reduce((sum, pid) => sum + rssKb(pid), 0);
  const cpu = () => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const queries = async () =>
    system === 'parley'
      ? (await Promise.all(nodes.map((n) => queriesOf(n.url)))).reduce((a, b) => a + b, 0)
      : NaN;
  const visitors: VisitorSocket[] = [];
  try {
    // Agents run in their own process so that parsing what they receive does not slow the visitors' clock.
    const agentWorker = fork(new URL(import.meta.url).pathname, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, BENCH_AGENTS: JSON.stringify({ url: agentNode.url, sessions: agents }) },
    });
    await new Promise<void>((r) => agentWorker.once('message', () => r()));
    await sleep(500);
    const baseRss = rss();

    for (let i = 0; i < visitorCount; i += 50) {
      await Promise.all(
        tokens.slice(i, Math.min(i + 50, visitorCount)).map(async (token) => {
          const s = visitorSocket(visitorNode.url, token);
          await connected(s);
          visitors.push(s);
        }),
      );
    }
    await sleep(500);
    const connectedRss = rss();

    const ackMs: number[] = [];
    const replyMs: number[] = [];
    const conversationOf = new Map<VisitorSocket, string>();
    for (const v of visitors) {
      v.on('message:created', (m) => {
        if (m.author === 'agent') {
          const t = Number(/@(\d+(\.\d+)?)$/.exec(m.text)?.[1]);
          if (Number.isFinite(t)) replyMs.push(clock() - t);
        }
      });
    }

    // Warm-up: every visitor opens a conversation (auto-assignment spreads them over the agents): the first
    // SINGLE_STARTS one at a time (what one visitor waits), the rest in bursts of 50 (what a burst waits: each
    // start behind the ones before it).
    const singleMs: number[] = [];
    const startMs: number[] = [];
    // What the node asks its database while nobody does anything (presence, sweeps, the scrapes themselves),
    // taken out of the starts' figure below.
    const idle0 = await queries();
    const idleStarted = performance.now();
    await sleep(2000);
    const idleRate = ((await queries()) - idle0) / ((performance.now() - idleStarted) / 1000);
    const queriesBeforeStarts = await queries();
    const startsBegan = performance.now();
    const start = async (v: VisitorSocket, n: number, into: number[]) => {
      const t0 = performance.now();
      const ack = await request(
        v,
        'conversation:start',
        { clientId: `start-${n}-${randomIds.id()}`.slice(0, 60), text: 'hello' },
        ACK_WAIT_MS,
      );
      into.push(performance.now() - t0);
      if (ack.ok) conversationOf.set(v, ack.data.conversation.id);
    };
    const single = Math.min(SINGLE_STARTS, visitors.length);
    for (let i = 0; i < single; i++) {
      const v = visitors[i];
      if (v) await start(v, i, singleMs);
    }
    for (let i = single; i < visitors.length; i += 50)
      await Promise.all(visitors.slice(i, i + 50).map((v, k) => start(v, i + k, startMs)));
    await sleep(1500);
    const queriesAfterStarts =
      (await queries()) -
      (Number.isFinite(idleRate) ? idleRate * ((performance.now() - startsBegan) / 1000) : 0);
    agentWorker.send('reset');

    // Measured phase: each visitor sends every INTERVAL_S (staggered).
    let seq = 0;
    let unacked = 0;
    const refusals = new Map<string, number>();
    let sent = 0;
    const send = (v: VisitorSocket) => {
      const conversationId = conversationOf.get(v);
      if (!conversationId) return;
      sent += 1;
      const clientId = `b${(seq++).toString(36)}-${randomIds.id()}`.slice(0, 60);
      const t0 = performance.now();
      const text = `hello @${clock().toFixed(3)}`;
      const refused = (code: string) => {
        unacked += 1;
        refusals.set(code, (refusals.get(code) ?? 0) + 1);
      };
      request(v, 'message:send', { conversationId, clientId, text }, ACK_WAIT_MS).then(
        (ack) => (ack.ok ? ackMs.push(performance.now() - t0) : refused(ack.error.code)),
        () => refused('no ack'),
      );
    };
    const cpu0 = cpu();
    const queries0 = await queries();
    const started = performance.now();
    const timers = visitors.map((v, i) => {
      const first = setTimeout(
        () => {
          send(v);
          timers[i] = setInterval(() => send(v), INTERVAL_S * 1000);
        },
        (i / visitors.length) * INTERVAL_S * 1000,
      );
      return first as NodeJS.Timeout;
    });
    const load: string[] = [loadavg()];
    await sleep((DURATION_S * 1000) / 2);
    load.push(loadavg());
    await sleep((DURATION_S * 1000) / 2);
    for (const t of timers) clearInterval(t);
    const elapsed = (performance.now() - started) / 1000;
    const cpuUsed = cpu() - cpu0;
    load.push(loadavg());
    await sleep(1500);
    const queries1 = await queries();
    agentWorker.send('report');
    const report = await new Promise<{
      deliveryMs: number[];
      replyAckMs: number[];
      received: number;
      summaries: number;
      summaryWindowS: number;
    }>((r) => agentWorker.once('message', r));
    const loadRss = rss();
    const stored = ackMs.length;
    const pending = sent - stored - unacked;

    if (idleCount > 0) {
      for (const v of visitors) v.disconnect();
      await sleep(1000);
      const idleBase = rss();
      const idle: VisitorSocket[] = [];
      for (let i = visitorCount; i < visitorCount + idleCount; i += 100) {
        await Promise.all(
          tokens.slice(i, Math.min(i + 100, visitorCount + idleCount)).map(async (token) => {
            const s = visitorSocket(visitorNode.url, token);
            await connected(s);
            idle.push(s);
          }),
        );
      }
      await sleep(2000);
      console.log(
        `  idle visitors: ${idle.length} connected, ${((rss() - idleBase) / idle.length).toFixed(1)} KB per idle visitor`,
      );
      for (const s of idle) s.disconnect();
    }
    agentWorker.kill();
    const repliesAndReceipts = report.received / 5;
    return {
      label: system,
      visitors: visitorCount,
      singleMs,
      startMs,
      ackMs,
      deliveryMs: report.deliveryMs,
      replyAckMs: report.replyAckMs,
      replyMs,
      stored: stored / elapsed,
      elapsed,
      rssPerVisitorKb: (connectedRss - baseRss) / visitorCount,
      rssMb: loadRss / 1024,
      cpuPct: (cpuUsed / elapsed) * 100,
      queriesPerMessage: system === 'parley' ? (queries1 - queries0) / (stored + repliesAndReceipts) : null,
      queriesPerStart:
        system === 'parley'
          ? (queriesAfterStarts - queriesBeforeStarts) / (singleMs.length + startMs.length)
          : null,
      summaries: report.summaries / report.summaryWindowS,
      sent,
      refused: unacked,
      refusals: [...refusals].map(([code, n]) => `${code} ${n}`).join(', '),
      pending,
      load: load.join(' / '),
    };
  } finally {
    for (const v of visitors) v.disconnect();
    for (const n of nodes) n.child.kill('SIGTERM');
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
    await fresh?.drop();
  }
}

const ms = (x: number) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms` : '-');

function print(f: Figures, floor?: Figures) {
  const ratio = (a: number, b: number | undefined) =>
    b !== undefined && b > 0 && Number.isFinite(a) ? ` (${(a / b).toFixed(1)}x floor)` : '';
  const ackP99 = pct(f.ackMs, 99);
  console.log(
    `${String(f.visitors).padStart(5)} ${f.label.padEnd(6)} ack p50 ${ms(pct(f.ackMs, 50))} p99 ${ms(ackP99)}${ratio(ackP99, floor && pct(floor.ackMs, 99))}` +
      ` | visitor->agent p99 ${ms(pct(f.deliveryMs, 99))} | agent->visitor p99 ${ms(pct(f.replyMs, 99))} (reply ack p99 ${ms(pct(f.replyAckMs, 99))})` +
      ` | start p50 ${ms(pct(f.singleMs, 50))} alone, ${ms(pct(f.startMs, 50))} in bursts of 50 | ${f.stored.toFixed(0)} msg/s stored` +
      ` | ${f.rssPerVisitorKb.toFixed(1)} KB/visitor, ${f.rssMb.toFixed(0)} MB | CPU ${f.cpuPct.toFixed(0)}%` +
      (f.queriesPerMessage !== null
        ? ` | ${f.queriesPerMessage.toFixed(1)} round trips/message, ${f.queriesPerStart?.toFixed(1)} per start`
        : '') +
      (f.label === 'parley' ? ` | ${f.summaries.toFixed(0)} summaries/s` : '') +
      (f.refused + f.pending > 0
        ? ` | of ${f.sent} sent: ${f.refused} refused${f.refusals ? ` (${f.refusals})` : ''}, ${f.pending} unacknowledged`
        : '') +
      ` | load ${f.load}`,
  );
}

/** The curve as a Markdown table, one row per visitor count, Parley beside the floor of the same run. */
function table(rows: Array<{ parley: Figures; floor: Figures | undefined }>) {
  const p99 = (xs: number[]) => ms(pct(xs, 99));
  console.log(
    `\n| visitors (msg/s offered) | ack p50 / p99 | floor ack p99 | ratio | visitor -> agent p99 | agent -> visitor p99 (floor) | stored msg/s (floor) | KB/visitor | CPU (floor) | round trips per message / start | load (start / middle / end) |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { parley: f, floor } of rows) {
    const ratio = floor ? pct(f.ackMs, 99) / pct(floor.ackMs, 99) : NaN;
    console.log(
      `| ${f.visitors} (${(f.visitors / INTERVAL_S).toFixed(0)}) | ${ms(pct(f.ackMs, 50))} / ${p99(f.ackMs)} | ${floor ? p99(floor.ackMs) : '-'} | ${Number.isFinite(ratio) ? `${ratio.toFixed(1)}x` : '-'}` +
        ` | ${p99(f.deliveryMs)} | ${p99(f.replyMs)} (${floor ? p99(floor.replyMs) : '-'}) | ${f.stored.toFixed(0)} (${floor ? floor.stored.toFixed(0) : '-'})` +
        ` | ${f.rssPerVisitorKb.toFixed(1)} | ${f.cpuPct.toFixed(0)}% (${floor ? `${floor.cpuPct.toFixed(0)}%` : '-'})` +
        ` | ${f.queriesPerMessage?.toFixed(1)} / ${f.queriesPerStart?.toFixed(1)} | ${f.load} |`,
    );
  }
}

async function main() {
  if (STORE === 'postgres' && !process.env.DATABASE_URL)
    throw new Error('--store=postgres needs DATABASE_URL');
  if (NODES > 1 && !process.env.REDIS_URL) throw new Error('--nodes=2 needs REDIS_URL');
  const began = performance.now();
  if (option('compiled', 'COMPILED', '1') !== '0') {
    // As in production (`npm start`): the compiled server, no TypeScript loader in the measured process.
    try {
      const { buildServer, serverStale } = await import('../../scripts/build-server.mjs');
      if (serverStale()) {
        console.log('compiling the server to dist/server…');
        await buildServer();
      }
      compiled = true;
    } catch (err) {
      console.log(`the server did not compile (${String(err)}); running the sources under tsx`);
    }
  }
  console.log(
    `Parley realtime benchmark: ${CURVE.join(', ')} visitors, each sending every ${INTERVAL_S} s, ${AGENTS} agents, ${DURATION_S} s measured per run, ${STORE}, ${NODES} node${NODES > 1 ? 's (visitors on one, agents on the other; Redis adapter)' : ''}${RECEIPTS ? ', with delivery receipts' : ''}, ${compiled ? 'compiled server (dist/server)' : 'server sources under tsx'}; load average 1/5/15 min at start / middle / end of each measured phase`,
  );
  const rows: Array<{ parley: Figures; floor: Figures | undefined }> = [];
  for (const n of CURVE) {
    const parley = await run('parley', n);
    const floor = RELAY ? await run('relay', n) : undefined;
    print(parley, floor);
    if (floor) print(floor);
    rows.push({ parley, floor });
  }
  table(rows);
  console.log(`\n(${((performance.now() - began) / 1000).toFixed(0)} s in all)`);
}

/** Shared across processes: milliseconds since the epoch, sub-millisecond precision. */
function clock() {
  return performance.timeOrigin + performance.now();
}

/** The agents' side: 20 consoles; every fifth visitor message gets a reply that echoes the visitor's stamp. */
async function agentsThread(url: string, sessions: string[]) {
  const sockets: AgentSocket[] = [];
  for (const session of sessions) {
    const s: AgentSocket = connect(`${url}/agent`, {
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
  /** How long the agents' replies waited for their acks (the agents' node storing them). */
  const replyAckMs: number[] = [];
  let received = 0;
  let summaries = 0;
  let resetAt = performance.now();
  let replyCounter = 0;
  // RECEIPTS=1: like a console, each agent reports the visitor messages of its own conversations as delivered.
  const owner = new Map<string, string>();
  const ids = RECEIPTS
    ? await Promise.all(
        sockets.map(async (a) => {
          const r = await request(a, 'inbox:list', {});
          return r.ok ? r.data.me.id : '';
        }),
      )
    : [];
  if (RECEIPTS) {
    const first = sockets[0];
    first?.on('conversation:updated', (c) => {
      if (c.agent) owner.set(c.id, c.agent.id);
    });
    const listed = first && (await request(first, 'inbox:list', {}));
    if (listed?.ok) for (const c of listed.data.conversations) if (c.agent) owner.set(c.id, c.agent.id);
  }
  for (const [i, a] of sockets.entries()) {
    a.on('inbox:summary', () => {
      summaries += 1;
    });
    // A visitor message reaches the console of the agent who has the conversation (the others get summaries).
    a.on('message:created', (m) => {
      received += 1;
      if (m.author === 'visitor') {
        const t = Number(/@(\d+(\.\d+)?)$/.exec(m.text)?.[1]);
        if (Number.isFinite(t)) deliveryMs.push(clock() - t);
      }
      if (RECEIPTS && m.author === 'visitor' && owner.get(m.conversationId) === ids[i])
        void request(
          a,
          'message:delivered',
          { conversationId: m.conversationId, seq: m.seq },
          ACK_WAIT_MS,
        ).catch(() => undefined);
      // Only the measured phase's messages (stamped) are answered: a conversation's first message, sent while it
      // waits for an agent, reaches every console, and answering it from each would add four replies per start.
      const stamp = /@(\d+(\.\d+)?)$/.exec(m.text)?.[1];
      if (m.author !== 'visitor' || stamp === undefined || ++replyCounter % 5 !== 0) return;
      const sentAt = performance.now();
      void request(
        a,
        'message:send',
        { conversationId: m.conversationId, clientId: `reply-${randomIds.id()}`, text: `re @${stamp}` },
        ACK_WAIT_MS,
      ).then(
        (ack) => {
          if (ack.ok) replyAckMs.push(performance.now() - sentAt);
        },
        () => undefined,
      );
    });
  }
  process.send?.('ready');
  process.on('message', (m) => {
    if (m === 'reset') {
      resetAt = performance.now();
      deliveryMs.length = 0;
      replyAckMs.length = 0;
      received = 0;
      summaries = 0;
    } else
      process.send?.({
        deliveryMs,
        replyAckMs,
        received,
        summaries,
        summaryWindowS: (performance.now() - resetAt) / 1000,
      });
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
