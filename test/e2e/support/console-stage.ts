import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  test,
} from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import type { VisitorClientEvents, VisitorServerEvents } from '../../../server/protocol/events.ts';
import { PROTOCOL_VERSION } from '../../../server/protocol/version.ts';
import { request } from '../../support/request.ts';
import { type ParleyProcess, removeDir, startParley } from './servers.ts';

/** The host site the visitors come from. */
export const SHOP = 'http://shop.test';

/** A visitor's socket, typed by the visitor namespace's event maps. */
export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;

export interface Visitor {
  socket: VisitorSocket;
  /** Texts of the messages this visitor received, in order. */
  received: string[];
  conversationId: string;
}

export interface ConsoleStage {
  /** The running Parley (set once `beforeAll` has run). */
  readonly parley: ParleyProcess;
  /**
   * A new browser context at desktop size (closed after the file), on the console or `url`;
   * `prepare` runs on the context before the page opens (init scripts, permissions).
   */
  freshPage(
    browser: Browser,
    url?: string,
    options?: BrowserContextOptions,
    prepare?: (context: BrowserContext) => Promise<unknown>,
  ): Promise<Page>;
  /** A visitor on the shop asking for a person, the way the widget's chat chunk does it. */
  visitorAsks(name: string, text: string): Promise<Visitor>;
}

/**
 * One Parley process for the spec file, with the browser contexts and visitor sockets it opens closed
 * afterwards. Specs run serially: they build one story, screen after screen.
 */
export function consoleStage(timeoutMs = 90_000): ConsoleStage {
  let parley: ParleyProcess | undefined;
  const contexts: BrowserContext[] = [];
  const sockets: Socket[] = [];

  test.describe.configure({ mode: 'serial' });
  test.setTimeout(timeoutMs);
  test.beforeAll(async () => {
    parley = await startParley({ allowedOrigins: [SHOP] });
  });
  test.afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const c of contexts) await c.close();
    await parley?.stop();
    if (parley) removeDir(parley.dataDir);
  });

  const stage: ConsoleStage = {
    get parley() {
      if (!parley) throw new Error('Parley is not running yet');
      return parley;
    },
    async freshPage(browser, url, options = {}, prepare) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, ...options });
      contexts.push(context);
      await prepare?.(context);
      const page = await context.newPage();
      await page.goto(url ?? `${stage.parley.url}/console`);
      return page;
    },
    async visitorAsks(name, text) {
      const base = stage.parley.url;
      const res = await fetch(`${base}/api/visitor/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: SHOP },
        body: JSON.stringify({ context: { url: `${SHOP}/orders/42`, title: 'Order 42', locale: 'en-GB' } }),
      });
      const { token } = (await res.json()) as { token: string };
      const socket: VisitorSocket = io(`${base}/visitor`, {
        auth: { token, protocol: PROTOCOL_VERSION },
        extraHeaders: { origin: SHOP },
        transports: ['websocket'],
        forceNew: true,
      });
      sockets.push(socket);
      const received: string[] = [];
      socket.on('message:created', (m) => received.push(m.text));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const ack = await request(socket, 'conversation:start', {
        clientId: `e2e-${name}-${Date.now()}`,
        text,
        name,
        email: `${name.toLowerCase()}@shop.test`,
      });
      if (!ack.ok) throw new Error(`The chat did not start: ${ack.error.code}`);
      return { socket, received, conversationId: ack.data.conversation.id };
    },
  };
  return stage;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
