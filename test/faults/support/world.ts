import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type DatabaseTarget, openDatabase } from '../../../server/storage/connect.ts';
import { Agent, Visitor } from './driver.ts';
import { Ledger, type Row, record, type StoredMessage } from './ledger.ts';
import { Node } from './nodes.ts';

export const ADMIN = { email: 'faults@example.com', password: 'fault-suite-admin-password' };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for `check`, polling every 50 ms. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await wait(50);
  }
}

/**
 * Nodes, one agent and some visitors talking through them, and the ledger of what they sent and saw. Visitors
 * type a line every `visitorEveryMs` (under the widget's per-visitor budget), the agent replies round robin.
 */
export class World {
  readonly ledger = new Ledger();
  readonly nodes: Node[] = [];
  readonly visitors: Visitor[] = [];
  agent!: Agent;
  readonly logDir = mkdtempSync(join(tmpdir(), 'parley-faults-logs-'));
  private timers: NodeJS.Timeout[] = [];

  constructor(
    readonly name: string,
    readonly target: DatabaseTarget,
    private readonly env: Record<string, string>,
  ) {}

  /** Adds a node (the first one creates the admin); `start`: spawn it and wait until it is healthy. */
  async addNode(start = true, extraEnv: Record<string, string> = {}): Promise<Node> {
    const first = this.nodes.length === 0;
    const env = {
      ...this.env,
      ...(first ? { PARLEY_ADMIN_EMAIL: ADMIN.email, PARLEY_ADMIN_PASSWORD: ADMIN.password } : {}),
      ...extraEnv,
    };
    const node = await Node.create(
      env,
      this.logDir,
      `${this.name.replace(/\W+/g, '-')}-${this.nodes.length}`,
    );
    this.nodes.push(node);
    if (start) await node.start();
    return node;
  }

  /** Changes workspace settings as an admin does on the Settings screen (GET, change, PUT /api/admin/settings). */
  async settings(change: (settings: Record<string, Record<string, unknown>>) => void): Promise<void> {
    const url = this.urls()[0];
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const settings = await (await fetch(`${url}/api/admin/settings`, { headers: { cookie } })).json();
    change(settings);
    const put = await fetch(`${url}/api/admin/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(settings),
    });
    if (!put.ok) throw new Error(`settings: ${put.status} ${await put.text()}`);
  }

  /** Clients connect to these nodes (in turn, from a per-client start), as a load balancer would spread them. */
  urls = (): string[] => this.nodes.map((n) => n.url);

  /** The agent on `agentUrls` (default: every node), `count` visitors spread over `visitorUrls`. */
  async people(count: number, opts: { agentUrls?: () => string[]; visitorUrls?: () => string[] } = {}) {
    this.agent = new Agent(opts.agentUrls ?? this.urls, this.ledger, ADMIN);
    await this.agent.open();
    await until(() => this.agent.connected, 15_000, 'agent connected');
    await this.agent.settle();
    for (let i = 0; i < count; i++) {
      const v = new Visitor(opts.visitorUrls ?? this.urls, this.ledger, this.visitors.length);
      this.visitors.push(v);
      await v.open();
    }
    await until(() => this.visitors.every((v) => v.connected), 15_000, 'visitors connected');
  }

  /** Starts the chatter: each visitor's first line starts their conversation. */
  talk(visitorEveryMs = 1500, agentEveryMs = 250): void {
    this.visitors.forEach((v, i) => {
      const t = setTimeout(
        () => {
          v.say();
          this.timers.push(setInterval(() => v.say(), visitorEveryMs));
        },
        (i * visitorEveryMs) / this.visitors.length,
      );
      this.timers.push(t);
    });
    this.timers.push(setInterval(() => this.agent.reply(), agentEveryMs));
  }

  quiet(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /** Each client's link and outbox, for a failure message. */
  describe(): string {
    return this.clients
      .map((c) => `${c.name}: ${c.connected ? 'connected' : 'offline'}, ${c.pending} pending`)
      .join('; ');
  }

  get clients() {
    return [this.agent, ...this.visitors];
  }

  /**
   * Call when a fault begins: resolves with the time until every online client had a command acknowledged after
   * it (the outage as a user feels it), and records it.
   */
  async recovery(faultAt = Date.now(), clients = this.clients): Promise<number> {
    await until(() => clients.every((c) => c.lastAckAt > faultAt), 90_000, `${this.name}: recovery`).catch(
      (err: Error) => {
        const waiting = clients.filter((c) => c.lastAckAt <= faultAt);
        throw new Error(
          `${err.message}; no ack since the fault: ${waiting.map((c) => `${c.name} (${c.connected ? 'connected' : 'offline'}, ${c.pending} pending)`).join(', ')}; refused for good: ${this.ledger.rejections.join(', ') || 'none'}`,
        );
      },
    );
    const ms = Math.max(...clients.map((c) => c.lastAckAt)) - faultAt;
    this.ledger.recovery(ms);
    return ms;
  }

  /** Stops typing, waits for every outbox to empty, resyncs every client, and compares with the database. */
  async finish(): Promise<Row> {
    this.quiet();
    await until(
      () => this.clients.every((c) => c.pending === 0),
      60_000,
      `${this.name}: outboxes drained`,
    ).catch((err: Error) => {
      throw new Error(`${err.message}; ${this.describe()}`);
    });
    await Promise.race([
      Promise.all(this.clients.map((c) => c.settle())),
      wait(30_000).then(() => {
        throw new Error(`${this.name}: clients did not resync within 30 s; ${this.describe()}`);
      }),
    ]);
    const stored = await readStored(this.target);
    for (const c of this.clients) c.close();
    const row = this.ledger.row(this.name, stored);
    record(row);
    expect(this.ledger.rejections, 'refused for good').toEqual([]);
    expect(row.acked, 'acknowledged').toBe(row.sent);
    expect(row.lost, 'lost').toBe(0);
    expect(row.doubled, 'doubled').toBe(0);
    expect(row.stored, 'stored').toBe(row.sent);
    expect(row.neverSeen, 'never seen by the other side').toBe(0);
    expect(row.seen, 'seen by the other side').toBe(row.sent);
    // Out of order (a fact arriving after a later one) is counted, not failed: clients order by seq (protocol.md).
    return row;
  }

  async close(): Promise<void> {
    this.quiet();
    for (const c of this.clients) c?.close();
    await Promise.all(this.nodes.map((n) => n.kill('SIGKILL')));
  }
}

/** What the database holds, read directly. */
export async function readStored(target: DatabaseTarget): Promise<StoredMessage[]> {
  const db = await openDatabase(target);
  try {
    const rows = await db.db
      .selectFrom('messages')
      .select(['conversation_id', 'seq', 'author', 'text'])
      .orderBy('conversation_id')
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({
      conversationId: r.conversation_id,
      seq: r.seq,
      author: r.author,
      text: r.text,
    }));
  } finally {
    await db.close();
  }
}

/** Conversations that hold no message at all (a start that was not all or nothing). */
export async function emptyConversations(target: DatabaseTarget): Promise<number> {
  const db = await openDatabase(target);
  try {
    const rows = await db.db
      .selectFrom('conversations')
      .leftJoin('messages', 'messages.conversation_id', 'conversations.id')
      .select('conversations.id')
      .where('messages.id', 'is', null)
      .execute();
    return rows.length;
  } finally {
    await db.close();
  }
}
