import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { MessageDTO } from '../../../server/protocol/dto.ts';
import type { Ack } from '../../../server/protocol/errors.ts';
import type {
  AgentClientEvents,
  AgentServerEvents,
  VisitorClientEvents,
  VisitorServerEvents,
} from '../../../server/protocol/events.ts';
import { PROTOCOL_VERSION } from '../../../server/protocol/version.ts';
import type { CommandInput, CommandResult } from '../../../server/realtime/binder.ts';
import { request } from '../../support/request.ts';
import type { Ledger } from './ledger.ts';

/** Codes the widget's and console's outboxes retry with the same client id (the server may not have stored it). */
const TRANSIENT = new Set(['timeout', 'unavailable', 'storage_full', 'internal', 'rate_limited']);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A read (resync) and its ack; `rate_limited` is waited out here, so a resync of many conversations on a budget
 * of commands a second goes on where it was instead of starting over (and spending the budget again).
 */
async function ask<L extends object, E extends object, K extends keyof E & string>(
  socket: Socket<L, E>,
  event: K,
  payload: CommandInput<E[K]>,
): Promise<Ack<CommandResult<E[K]>>> {
  for (let tries = 0; ; tries++) {
    const ack = await request(socket, event, payload);
    if (ack.ok || ack.error.code !== 'rate_limited' || tries >= 20 || !socket.connected) return ack;
    await wait(250);
  }
}

interface Pending {
  clientId: string;
  text: string;
  event: 'conversation:start' | 'message:send';
  conversationId?: string;
  queuedAt: number;
  tries: number;
}

/** Messages one client holds per conversation, by seq; `contiguous` is the resync point (everything up to it). */
class Known {
  private byConversation = new Map<string, Map<number, MessageDTO>>();
  private maxSeq = new Map<string, number>();

  add(m: MessageDTO): boolean {
    let map = this.byConversation.get(m.conversationId);
    if (!map) {
      map = new Map();
      this.byConversation.set(m.conversationId, map);
    }
    const fresh = !map.has(m.seq);
    map.set(m.seq, m);
    this.maxSeq.set(m.conversationId, Math.max(this.maxSeq.get(m.conversationId) ?? 0, m.seq));
    return fresh;
  }

  has(m: MessageDTO): boolean {
    return this.byConversation.get(m.conversationId)?.has(m.seq) ?? false;
  }

  max(conversationId: string): number {
    return this.maxSeq.get(conversationId) ?? 0;
  }

  contiguous(conversationId: string): number {
    const map = this.byConversation.get(conversationId);
    let k = 0;
    while (map?.has(k + 1)) k += 1;
    return k;
  }

  hasGap(conversationId: string): boolean {
    return this.contiguous(conversationId) < this.max(conversationId);
  }

  conversations(): string[] {
    return [...this.byConversation.keys()];
  }
}

/**
 * What the widget and the console do on the wire: one socket at a time to one of the nodes (the next one when it
 * drops, as a load balancer would route), an outbox sent in order and retried with the same client id on transient
 * errors and timeouts, and a resync after every connect and whenever a gap shows.
 */
type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;
type ConnectOptions = Partial<ManagerOptions & SocketOptions>;
type Sent = Promise<Ack<{ message: MessageDTO }>>;

abstract class Client<L extends object, E extends object> {
  socket: Socket<L, E> | undefined;
  readonly known = new Known();
  protected outbox: Pending[] = [];
  private sending = false;
  private closed = false;
  private offline = false;
  protected nodeIndex = 0;
  private syncing: Promise<void> | undefined;
  private resyncAgain = false;
  /** Time of the last successful ack. */
  lastAckAt = 0;
  /** How the socket connects: straight to a WebSocket, or as the widget does (long-polling, then upgrade). */
  transports: Array<'polling' | 'websocket'> = ['websocket'];

  constructor(
    protected readonly urls: () => string[],
    private readonly namespace: '/visitor' | '/agent',
    protected readonly ledger: Ledger,
    readonly name: string,
  ) {}

  /** Which node this client tries first (visitors spread over the nodes). */
  protected get offset(): number {
    return 0;
  }

  protected abstract handshake(): Promise<{
    auth: Record<string, unknown>;
    headers?: Record<string, string>;
  }>;
  /** Opens the namespace's socket, typed by its event maps. */
  protected abstract connect(url: string, options: ConnectOptions): Socket<L, E>;
  protected abstract resync(socket: Socket<L, E>): Promise<void>;
  protected abstract listen(socket: Socket<L, E>): void;

  async open(): Promise<void> {
    if (this.closed || this.offline) return;
    const urls = this.urls();
    const url = urls[(this.offset + this.nodeIndex) % urls.length];
    let hs: Awaited<ReturnType<Client<L, E>['handshake']>>;
    try {
      hs = await this.handshake();
    } catch {
      this.nodeIndex += 1;
      this.reopenSoon();
      return;
    }
    const socket = this.connect(`${url}${this.namespace}`, {
      auth: { ...hs.auth, protocol: PROTOCOL_VERSION },
      ...(hs.headers ? { extraHeaders: hs.headers } : {}),
      transports: this.transports,
      forceNew: true,
      reconnection: false,
      timeout: 3000,
    });
    this.socket = socket;
    this.listen(socket);
    socket.on('connect', () => {
      this.requestResync();
      this.pump();
    });
    const drop = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      socket.removeAllListeners();
      socket.disconnect();
      this.nodeIndex += 1;
      this.reopenSoon();
    };
    socket.on('disconnect', drop);
    socket.on('connect_error', drop);
  }

  private reopenSoon() {
    if (this.closed || this.offline) return;
    setTimeout(() => void this.open(), 150 + Math.random() * 150);
  }

  get connected(): boolean {
    return !!this.socket?.connected;
  }

  /** The link drops (a train tunnel): nothing is sent, nothing received, until `goOnline`. */
  goOffline(): void {
    this.offline = true;
    const s = this.socket;
    this.socket = undefined;
    s?.removeAllListeners();
    s?.disconnect();
  }

  goOnline(): void {
    this.offline = false;
    void this.open();
  }

  close(): void {
    this.closed = true;
    this.goOffline();
  }

  get pending(): number {
    return this.outbox.length;
  }

  protected enqueue(p: Omit<Pending, 'queuedAt' | 'tries'>): void {
    this.outbox.push({ ...p, queuedAt: Date.now(), tries: 0 });
    this.ledger.sent(p.text, this.side);
    this.pump();
  }

  protected abstract get side(): 'visitor' | 'agent';

  /** Sends the outbox's head; one command in flight at a time, as the widget does. */
  protected pump(): void {
    if (this.sending) return;
    const head = this.outbox[0];
    const socket = this.socket;
    if (!head || !socket?.connected) return;
    const sent = this.send(socket, head);
    if (!sent) return;
    this.sending = true;
    head.tries += 1;
    void sent
      .catch(
        (): Ack<{ message: MessageDTO }> => ({ ok: false, error: { code: 'timeout' as never, message: '' } }),
      )
      .then(async (ack) => {
        if (ack.ok) {
          this.outbox.shift();
          this.lastAckAt = Date.now();
          this.ledger.acked(head.text, ack.data.message, Date.now() - head.queuedAt, this.side);
          this.onAcked(head, ack.data);
          if (this.known.add(ack.data.message) && this.known.hasGap(ack.data.message.conversationId))
            this.requestResync();
        } else if (TRANSIENT.has(ack.error.code)) {
          this.ledger.refusal(ack.error.code);
          await wait(Math.min(2000, 100 * 2 ** Math.min(head.tries, 5)));
        } else {
          this.outbox.shift();
          this.ledger.rejected(head.text, ack.error.code);
        }
        this.sending = false;
        this.pump();
      });
  }

  /** Sends an outbox line as its command; undefined while it cannot be sent yet. */
  protected abstract send(socket: Socket<L, E>, p: Pending): Sent | undefined;
  protected onAcked(_p: Pending, _data: unknown): void {}

  /** A fact arrived live. */
  protected received(m: MessageDTO): void {
    const late = !this.known.has(m) && m.seq < this.known.max(m.conversationId);
    if (this.known.add(m)) {
      if (late) this.ledger.outOfOrder(this.side);
      this.ledger.seen(m, this.side);
    }
    if (this.known.hasGap(m.conversationId)) this.requestResync();
  }

  /** Resyncs now, or once more after the running one (a gap found mid-resync is not lost). */
  requestResync(): void {
    if (this.syncing) {
      this.resyncAgain = true;
      return;
    }
    const socket = this.socket;
    if (!socket?.connected) return;
    this.syncing = this.resync(socket)
      .catch(() => undefined)
      .finally(() => {
        this.syncing = undefined;
        if (this.resyncAgain) {
          this.resyncAgain = false;
          this.requestResync();
        }
      });
  }

  /** Resolves after a full resync on a live socket (the end of a scenario). */
  async settle(): Promise<void> {
    for (;;) {
      const socket = this.socket;
      if (socket?.connected) {
        await this.syncing;
        try {
          await this.resync(socket);
          return;
        } catch {
          // dropped mid-resync: go again
        }
      }
      await wait(250);
    }
  }

  protected merge(messages: MessageDTO[]): void {
    for (const m of messages) if (this.known.add(m)) this.ledger.seen(m, this.side);
  }
}

export class Visitor extends Client<VisitorServerEvents, VisitorClientEvents> {
  private token: string | undefined;
  conversationId: string | undefined;
  private n = 0;

  constructor(
    urls: () => string[],
    ledger: Ledger,
    readonly index: number,
  ) {
    super(urls, '/visitor', ledger, `v${index}`);
  }

  protected get side() {
    return 'visitor' as const;
  }

  protected override get offset() {
    return this.index;
  }

  protected async handshake() {
    if (!this.token) {
      const urls = this.urls();
      const res = await fetch(`${urls[(this.index + this.nodeIndex) % urls.length]}/api/visitor/session`, {
        method: 'POST',
        // Behind a proxy every visitor has an address of their own (the server trusts a loopback proxy).
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': `10.1.${this.index >> 8}.${this.index & 255}`,
        },
        body: '{}',
        signal: AbortSignal.timeout(4000),
      });
      if (res.status !== 201) throw new Error(`session ${res.status}`);
      this.token = ((await res.json()) as { token: string }).token;
    }
    return { auth: { token: this.token } };
  }

  protected connect(url: string, options: ConnectOptions): VisitorSocket {
    return io(url, options);
  }

  protected listen(socket: VisitorSocket) {
    socket.on('message:created', (m) => this.received(m));
  }

  protected async resync(socket: VisitorSocket) {
    const since: Record<string, number> = {};
    for (const id of this.known.conversations()) since[id] = this.known.contiguous(id);
    const ack = await ask(socket, 'conversation:sync', { since });
    if (!ack.ok) throw new Error(ack.error.code);
    this.ledger.conversationsOf(
      this.name,
      ack.data.conversations.map((c) => c.id),
    );
    this.merge(ack.data.messages);
  }

  /** Types the next line: the first starts the conversation, the rest are sent into it. */
  say(): void {
    const text = `${this.name}-${this.n}`;
    const clientId = `${this.name}-client-${this.n}`;
    this.n += 1;
    this.enqueue({ clientId, text, event: this.n === 1 ? 'conversation:start' : 'message:send' });
  }

  protected send(socket: VisitorSocket, p: Pending): Sent | undefined {
    if (p.event === 'conversation:start')
      return request(socket, p.event, { clientId: p.clientId, text: p.text });
    if (!this.conversationId) return undefined;
    return request(socket, 'message:send', {
      conversationId: this.conversationId,
      clientId: p.clientId,
      text: p.text,
    });
  }

  protected override onAcked(p: Pending, data: { conversation?: { id: string } }) {
    if (p.event === 'conversation:start' && data.conversation) this.conversationId = data.conversation.id;
  }
}

export class Agent extends Client<AgentServerEvents, AgentClientEvents> {
  private cookie: string | undefined;
  private n = 0;
  private next = 0;
  readonly conversations = new Set<string>();

  constructor(
    urls: () => string[],
    ledger: Ledger,
    private readonly credentials: { email: string; password: string },
  ) {
    super(urls, '/agent', ledger, 'agent');
  }

  protected get side() {
    return 'agent' as const;
  }

  protected async handshake() {
    if (!this.cookie) {
      const urls = this.urls();
      const res = await fetch(`${urls[this.nodeIndex % urls.length]}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(this.credentials),
        signal: AbortSignal.timeout(4000),
      });
      if (!res.ok) throw new Error(`login ${res.status}`);
      this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    }
    return { auth: {}, headers: { cookie: this.cookie ?? '' } };
  }

  protected connect(url: string, options: ConnectOptions): AgentSocket {
    return io(url, options);
  }

  protected listen(socket: AgentSocket) {
    socket.on('conversation:created', (c) => this.conversations.add(c.id));
    socket.on('message:created', (m) => {
      this.conversations.add(m.conversationId);
      this.received(m);
    });
  }

  /** As the console does after a reconnect: the inbox again, and each conversation opened afresh. */
  protected async resync(socket: AgentSocket) {
    const inbox = await ask(socket, 'inbox:list', {});
    if (!inbox.ok) throw new Error(inbox.error.code);
    for (const c of inbox.data.conversations) this.conversations.add(c.id);
    for (const id of this.conversations) {
      const open = await ask(socket, 'conversation:open', { conversationId: id });
      if (!open.ok) throw new Error(open.error.code);
      this.merge(open.data.messages);
    }
  }

  /** Replies into the next conversation, round robin. */
  reply(): void {
    const ids = [...this.conversations];
    if (ids.length === 0) return;
    const conversationId = ids[this.next++ % ids.length];
    const text = `agent-${this.n}`;
    this.enqueue({ clientId: `agent-client-${this.n}`, text, event: 'message:send', conversationId });
    this.n += 1;
  }

  protected send(socket: AgentSocket, p: Pending): Sent | undefined {
    if (!p.conversationId) return undefined;
    return request(socket, 'message:send', {
      conversationId: p.conversationId,
      clientId: p.clientId,
      text: p.text,
    });
  }
}
