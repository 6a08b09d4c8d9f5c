/**
 * `npm run bench:realtime-costs`: what one conversation start and one message cost the database, counted, not
 * timed, so the figures hold on a busy machine. One Parley server in this process (SQLite in memory, or a fresh
 * PostgreSQL database created for the run and dropped after it: `--store=postgres` with DATABASE_URL), 20 agents
 * connected in auto-assignment mode, then STARTS visitors each open a conversation one after another, each
 * waited on until the server has gone quiet (the assignment, the queue pass and every read the broadcast needs
 * are counted with the start); then MESSAGES visitor messages and one agent reply per five. Prints statements
 * and round trips (statements plus BEGIN/COMMIT) per start and per message, and which statements they were.
 *
 * With `--store=postgres` it also measures the hot path's append (one statement) sent unnamed, as Kysely sends
 * it, against a named prepared statement: round trips, this process's CPU and the PostgreSQL backend's CPU per
 * call (read from /proc, so the server must run on this machine).
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { DEFAULT_SETTINGS } from '../../server/domain/settings.ts';
import { hashToken, randomIds } from '../../server/lib/ids.ts';
import { openDatabase } from '../../server/storage/connect.ts';
import { createKyselyStore } from '../../server/storage/kysely-store.ts';
import { queryCount } from '../../server/storage/query-count.ts';
import { request, startTestServer } from '../support/server.ts';
import { freshPostgres } from './support/fresh-postgres.ts';

const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const STORE = flag('store') ?? process.env.STORE ?? 'sqlite';
const STARTS = Number(flag('starts') ?? process.env.STARTS ?? 40);
const MESSAGES = Number(flag('messages') ?? process.env.MESSAGES ?? 300);
const BURST = Number(flag('burst') ?? process.env.BURST ?? 50);
const APPENDS = Number(flag('appends') ?? process.env.APPENDS ?? 3000);
const AGENTS = 20;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once no query has run for `quietMs`. */
async function quiet(quietMs = 400): Promise<void> {
  let last = queryCount.total + queryCount.transactionControl;
  let since = performance.now();
  for (;;) {
    await sleep(20);
    const now = queryCount.total + queryCount.transactionControl;
    if (now !== last) {
      last = now;
      since = performance.now();
    } else if (performance.now() - since >= quietMs) return;
  }
}

/** Statements grouped by their SQL (parameters are placeholders already), with how often each ran. */
class Tally {
  readonly bySql = new Map<string, number>();
  statements = 0;
  control = 0;
  private rows0 = 0;
  rows = 0;
  start() {
    this.bySql.clear();
    this.statements = 0;
    this.control = 0;
    this.rows0 = queryCount.rows;
    queryCount.tap = (text) => {
      if (text === 'begin' || text === 'commit' || text === 'rollback') this.control += 1;
      else this.statements += 1;
      const key = text.replace(/\s+/g, ' ').slice(0, 110);
      this.bySql.set(key, (this.bySql.get(key) ?? 0) + 1);
    };
  }
  stop() {
    queryCount.tap = undefined;
    this.rows = queryCount.rows - this.rows0;
  }
  print(label: string, per: number) {
    console.log(
      `${label}: ${(this.statements / per).toFixed(2)} statements, ${((this.statements + this.control) / per).toFixed(2)} round trips (with BEGIN/COMMIT), ${(this.rows / per).toFixed(1)} rows read each, over ${per}`,
    );
    const rows = [...this.bySql.entries()].sort((a, b) => b[1] - a[1]);
    for (const [text, n] of rows) console.log(`  ${(n / per).toFixed(2).padStart(6)}  ${text}`);
  }
}

async function main() {
  const fresh = STORE === 'postgres' ? await freshPostgres('parley_costs') : undefined;
  const server = await startTestServer({
    database: fresh ? { kind: 'postgres', url: fresh.url } : { kind: 'sqlite', file: ':memory:' },
  });
  const { store, services } = server;
  try {
    await services.settings.update({
      ...DEFAULT_SETTINGS,
      routing: { ...DEFAULT_SETTINGS.routing, mode: 'auto', queueLimit: 10_000 },
    });
    const now = new Date().toISOString();
    const expires = new Date(Date.now() + 3600_000).toISOString();
    const consoles = [];
    for (let i = 0; i < AGENTS; i++) {
      const id = randomIds.id();
      await store.agents.create({
        id,
        email: `costs-${i}-${id}@example.com`,
        name: `Agent ${i}`,
        role: 'agent',
        passwordHash: 'x',
        status: 'offline',
        maxChats: 1000,
        disabled: false,
        mustChangePassword: false,
        createdAt: now,
      });
      const session = randomIds.token();
      await store.sessions.create(hashToken(session), id, now, expires);
      const socket = server.agentSocket(`parley_session=${session}`);
      await new Promise<void>((r) => socket.once('connect', () => r()));
      consoles.push(socket);
    }
    await quiet();

    const visitors = [];
    for (let i = 0; i < STARTS + BURST; i++) {
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
      const socket = server.visitorSocket(token);
      await new Promise<void>((r) => socket.once('connect', () => r()));
      visitors.push(socket);
    }
    await quiet();

    console.log(`Parley database costs on ${STORE}, ${AGENTS} agents online, auto-assignment`);
    const tally = new Tally();
    const conversationOf = new Map<(typeof visitors)[number], string>();
    tally.start();
    for (const [i, v] of visitors.slice(0, STARTS).entries()) {
      const ack = await request(v, 'conversation:start', {
        clientId: `start-${String(i).padStart(4, '0')}`,
        text: 'Where is my parcel?',
      });
      if (!ack.ok) throw new Error(ack.error.message);
      conversationOf.set(v, ack.data.conversation.id);
      await quiet(250);
    }
    tally.stop();
    tally.print('Conversation start, one at a time (with its assignment, queue pass and broadcasts)', STARTS);
    if (BURST > 0) {
      tally.start();
      // In groups of 50 at once, one group after another, as bench:realtime opens its conversations.
      const burst = visitors.slice(STARTS);
      for (let g = 0; g < burst.length; g += 50)
        await Promise.all(
          burst.slice(g, g + 50).map(async (v, k) => {
            const ack = await request(v, 'conversation:start', {
              clientId: `burst-${String(g + k).padStart(4, '0')}`,
              text: 'Hello?',
            });
            if (!ack.ok) throw new Error(ack.error.message);
            conversationOf.set(v, ack.data.conversation.id);
          }),
        );
      await quiet();
      tally.stop();
      tally.print(`Conversation start, ${BURST} in groups of 50 at once`, BURST);
    }

    // Agents answer one visitor message in five, as in bench:realtime.
    let replies = 0;
    for (const a of consoles)
      a.on('message:created', (m) => {
        if (m.author !== 'visitor' || Number(m.clientId?.split('-')[1]) % 5 !== 0) return;
        replies += 1;
        void request(a, 'message:send', {
          conversationId: m.conversationId,
          clientId: `re-${m.clientId}`,
          text: 'On its way',
        });
      });
    tally.start();
    for (let i = 0; i < MESSAGES; i++) {
      const v = visitors[i % visitors.length];
      const conversationId = v && conversationOf.get(v);
      if (!v || !conversationId) continue;
      const ack = await request(v, 'message:send', {
        conversationId,
        clientId: `message-${i}`,
        text: `hello ${i}`,
      });
      if (!ack.ok) throw new Error(ack.error.message);
    }
    await quiet();
    tally.stop();
    tally.print(`Message (${MESSAGES} from visitors, ${replies} agent replies)`, MESSAGES + replies);
  } finally {
    await server.close();
  }
  if (fresh) {
    await preparedAgainstUnnamed(fresh.url);
    await fresh.drop();
  }
}

/** CPU seconds (user + system) of a process, from /proc. */
const cpuOf = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

/**
 * The append as the store sends it on PostgreSQL (server/storage/kysely/messages.ts), run APPENDS times unnamed
 * (parse, bind, execute every time: node-postgres's extended protocol without a name) and as a named prepared
 * statement (parsed once per connection).
 */
async function preparedAgainstUnnamed(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const backend = Number((await client.query('select pg_backend_pid() as pid')).rows[0].pid);
  const conversationId = randomIds.id();
  const now = new Date().toISOString();
  const handle = await openDatabase({ kind: 'postgres', url });
  const store = createKyselyStore(handle.db);
  await store.visitors.create({
    id: conversationId,
    tokenHash: randomIds.id(),
    name: null,
    email: null,
    verified: false,
    context: {},
    createdAt: now,
    lastSeenAt: now,
  });
  await store.conversations.create({
    id: conversationId,
    visitorId: conversationId,
    status: 'assigned',
    agentId: null,
    lastSeq: 0,
    preview: '',
    trail: [],
    visitorReadSeq: 0,
    agentReadSeq: 0,
    visitorDeliveredSeq: 0,
    agentDeliveredSeq: 0,
    rating: null,
    ratingComment: null,
    waitingSince: null,
    lastMessageAt: now,
    closedAt: null,
    createdAt: now,
    updatedAt: now,
  });
  await handle.close();
  const text = `with next as (
      update conversations set last_seq = last_seq + 1, last_message_at = $1, updated_at = $1
      where id = $2 and visitor_id = $3 and status <> 'closed' returning *
    ), stored as (
      insert into messages (id, conversation_id, seq, client_id, author, author_id, author_name, text, system_event, created_at)
      select $4, $2, last_seq, $5, 'visitor', $3, null, $6, null, $1 from next returning seq
    )
    select next.*, stored.seq as message_seq from next cross join stored`;
  console.log(`PostgreSQL append, ${APPENDS} calls each, one connection, one after another:`);
  for (const named of [false, true, false, true]) {
    const node0 = process.cpuUsage();
    const pg0 = cpuOf(backend);
    const t0 = performance.now();
    for (let i = 0; i < APPENDS; i++) {
      const values = [
        new Date().toISOString(),
        conversationId,
        conversationId,
        randomIds.id(),
        randomIds.id(),
        `m ${i}`,
      ];
      await client.query(named ? { name: 'parley_append', text, values } : { text, values });
    }
    const wall = (performance.now() - t0) / APPENDS;
    const node = process.cpuUsage(node0);
    const pgCpu = ((cpuOf(backend) - pg0) * 1e6) / APPENDS;
    console.log(
      `  ${named ? 'named (prepared once)' : 'unnamed (as Kysely)  '}: ${(wall * 1000).toFixed(0)} us per call, Node CPU ${((node.user + node.system) / APPENDS).toFixed(0)} us, PostgreSQL backend CPU ${pgCpu.toFixed(0)} us; 1 round trip (named: Bind/Execute only)`,
    );
  }
  await client.end();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
