import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { type AppDeps, createApp } from '../../server/app.ts';
import { type ComposeOptions, composeServices } from '../../server/compose.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import type {
  AgentClientEvents,
  AgentServerEvents,
  VisitorClientEvents,
  VisitorServerEvents,
} from '../../server/protocol/events.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import type { DatabaseTarget } from '../../server/storage/connect.ts';
import { requestUnchecked } from './request.ts';

export { request, requestUnchecked } from './request.ts';

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

export const FIXTURE_KB = resolve(import.meta.dirname, '..', 'fixtures', 'kb-basic');

/** A real Parley server on an ephemeral port, with helpers to act as visitors and agents over real sockets. */
export async function startTestServer(
  opts: {
    database?: DatabaseTarget;
    app?: Partial<AppDeps>;
    kbDir?: string;
    compose?: Pick<ComposeOptions, 'identitySecret' | 'clock'>;
  } = {},
) {
  const logger = silentLogger();
  const composed = await composeServices({
    database: opts.database ?? { kind: 'sqlite', file: ':memory:' },
    kbDir: opts.kbDir ?? FIXTURE_KB,
    logger,
    ...opts.compose,
  });
  const app = createApp({
    services: composed.services,
    logger,
    assetsDir: resolve(import.meta.dirname, '..', '..', 'dist', 'public'),
    allowedOrigins: ['http://shop.test'],
    ...opts.app,
  });
  await new Promise<void>((r) => app.http.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`;
  const sockets: Socket[] = [];

  async function newVisitor() {
    const res = await fetch(`${url}/api/visitor/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://shop.test' },
      body: JSON.stringify({ context: { url: 'http://shop.test/checkout', locale: 'en-GB' } }),
    });
    if (res.status !== 201) throw new Error(`session: ${res.status}`);
    return (await res.json()) as { visitorId: string; token: string };
  }

  function visitorSocket(token: string, extra: Record<string, unknown> = {}): VisitorSocket {
    const s: VisitorSocket = connect(`${url}/visitor`, {
      auth: { token, protocol: PROTOCOL_VERSION, ...extra },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    sockets.push(s);
    return s;
  }

  /** A new visitor, connected, who has started a conversation with `text` (and an optional self-service trail). */
  async function visitorWithConversation(text = 'Where is my parcel?', trail?: unknown[]) {
    const { token } = await newVisitor();
    const socket = visitorSocket(token);
    await connected(socket);
    const ack = await requestUnchecked(socket, 'conversation:start', {
      clientId: `start-${Math.random().toString(36).slice(2)}`,
      text,
      ...(trail ? { trail } : {}),
    });
    if (!ack.ok) throw new Error(ack.error.message);
    return { token, socket, ...ack.data };
  }

  async function signIn(email: string, password: string): Promise<string> {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`login: ${res.status}`);
    const cookie = res.headers.get('set-cookie') ?? '';
    return cookie.split(';')[0] ?? '';
  }

  /** An agent socket for a session cookie, not yet connected. */
  function agentSocket(cookie: string): AgentSocket {
    const socket: AgentSocket = connect(`${url}/agent`, {
      auth: { protocol: PROTOCOL_VERSION },
      extraHeaders: { cookie },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    sockets.push(socket);
    return socket;
  }

  async function agent(name = 'Ada', role: 'admin' | 'agent' | 'editor' = 'agent') {
    const email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2)}@example.com`;
    const row = await composed.services.agents.create({
      email,
      name,
      role,
      password: 'correct horse battery',
    });
    const cookie = await signIn(email, 'correct horse battery');
    const socket: AgentSocket = connect(`${url}/agent`, {
      auth: { protocol: PROTOCOL_VERSION },
      extraHeaders: { cookie },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    sockets.push(socket);
    await connected(socket);
    return { row, socket, cookie, email };
  }

  return {
    url,
    services: composed.services,
    /** The database behind the services, for tests that check what was stored; the server never hands it out. */
    store: composed.store,
    app,
    newVisitor,
    visitorSocket,
    visitorWithConversation,
    signIn,
    agent,
    agentSocket,
    async close() {
      for (const s of sockets) s.disconnect();
      await app.close();
      await composed.close();
    },
  };
}

export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** Resolves with the next event of that name that satisfies the predicate. */
export function nextEvent<T>(
  socket: Socket,
  event: string,
  predicate: (e: T) => boolean = () => true,
  timeoutMs = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler);
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const handler = (e: T) => {
      if (!predicate(e)) return;
      clearTimeout(timer);
      socket.off(event, handler);
      resolve(e);
    };
    socket.on(event, handler);
  });
}

/** Resolves once `check` holds, asking again every 50 ms; rejects after `timeoutMs`. */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
