// How much disk SQLite needs per 1,000 conversations: `npx tsx test/faults/disk-usage.ts [count]`.
// Real sockets into an in-process server on a fresh SQLite file; each conversation is a typical one: the visitor's
// page history, a start and 4 more lines, an agent taking it and 5 replies, a close. Prints bytes per conversation.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import type { CommandInput, CommandResult } from '../../server/realtime/binder.ts';
import { request } from '../support/request.ts';
import { type AgentSocket, connected, startTestServer, type VisitorSocket } from '../support/server.ts';

const count = Number(process.argv[2] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'parley-disk-'));
const file = join(dir, 'parley.sqlite');
const server = await startTestServer({ database: { kind: 'sqlite', file } });
const size = () => {
  const db = new SQLite(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return statSync(file).size;
};
const line = (n: number) =>
  `${'A line of an ordinary support chat, about an order and a delivery date. '.repeat(2)}${n}`;

/** A command and its ack; a rate-limited one is sent again a moment later, as the clients do. */
async function ask<L extends object, E extends object, K extends keyof E & string>(
  socket: Socket<L, E>,
  event: K,
  payload: CommandInput<E[K]>,
): Promise<CommandResult<E[K]>> {
  for (;;) {
    const ack = await request(socket, event, payload);
    if (ack.ok) return ack.data;
    if (ack.error.code !== 'rate_limited') throw new Error(`${event}: ${ack.error.message}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

// One agent per lane of ten conversations at a time (an agent's console has a command budget of its own).
const agents: AgentSocket[] = [];
for (let k = 0; k < 10; k++) {
  const { socket } = await server.agent(`Measure${k}`);
  await connected(socket);
  agents.push(socket);
}
const empty = size();
let seq = 0;

async function conversation(i: number) {
  const agent = agents[i % agents.length] as Socket;
  const res = await fetch(`${server.url}/api/visitor/session`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: 'http://shop.test',
      'x-forwarded-for': `10.2.${i >> 8}.${i & 255}`,
    },
    body: JSON.stringify({
      context: { url: `http://shop.test/orders/${i}`, title: 'Your order', locale: 'en-GB' },
    }),
  });
  const { token } = (await res.json()) as { token: string };
  const visitor: VisitorSocket = io(`${server.url}/visitor`, {
    auth: { token, protocol: PROTOCOL_VERSION },
    extraHeaders: { origin: 'http://shop.test' },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await connected(visitor);
  const started = await ask(visitor, 'conversation:start', {
    clientId: `disk-start-${i}`,
    text: line(0),
    context: { url: `http://shop.test/orders/${i}`, title: 'Your order' },
  });
  const conversationId = started.conversation.id;
  await ask(agent, 'conversation:claim', { conversationId });
  for (let k = 1; k <= 5; k++) {
    await ask(agent, 'message:send', {
      conversationId,
      clientId: `disk-a-${++seq}`,
      text: line(k),
    });
    if (k < 5) {
      await ask(visitor, 'message:send', {
        conversationId,
        clientId: `disk-v-${++seq}`,
        text: line(k),
      });
    }
  }
  await ask(agent, 'conversation:close', { conversationId });
  visitor.disconnect();
}

const started = Date.now();
for (let i = 0; i < count; i += 10) {
  await Promise.all(Array.from({ length: Math.min(10, count - i) }, (_, k) => conversation(i + k)));
}
const used = size() - empty;
await server.close();
const perConversation = used / count;
process.stdout.write(
  `${count} conversations (10 messages each, ~150 characters a message) in ${((Date.now() - started) / 1000).toFixed(0)} s: ` +
    `${(used / 1024 / 1024).toFixed(2)} MiB, ${(perConversation / 1024).toFixed(1)} KiB a conversation, ` +
    `${((perConversation * 1000) / 1024 / 1024).toFixed(1)} MiB per 1,000 (file ${file})\n`,
);
process.exit(0);
