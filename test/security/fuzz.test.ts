import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../server/protocol/errors.ts';
import { LocalFileStorage } from '../../server/storage/files/local-file-storage.ts';
import { type AgentSocket, connected, startTestServer, type VisitorSocket } from '../support/server.ts';

/**
 * A bounded property-based fuzzer over every socket command and every HTTP body: random values, and valid
 * payloads with one field mutated, dropped or added. Every answer must be a well-formed ack or JSON error with a
 * known code, never `internal` (a 500); the server keeps serving and /healthz stays green. Bounded in count
 * (RUNS per command or route) and in time (each property stops at TIME_MS), so the whole file takes well under
 * a minute. A failure prints fast-check's seed and the shrunk payload.
 */
const RUNS = Number(process.env.PARLEY_FUZZ_RUNS ?? 40);
const TIME_MS = 2500;
const CODES = new Set<string>(Object.values(ErrorCode));

let server: Awaited<ReturnType<typeof startTestServer>>;
let admin: Awaited<ReturnType<typeof server.agent>>;
let conversationId: string;
let visitor: VisitorSocket;
let visitorN = 0;
let visitorToken: string;
let filesDir: string;

/** A fresh visitor from its own address (the session budget is per address), connected. */
async function freshVisitor(): Promise<VisitorSocket> {
  visitorN += 1;
  const res = await fetch(`${server.url}/api/visitor/session`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.9.${visitorN >> 8}.${visitorN & 255}`,
    },
    body: '{}',
  });
  const { token } = (await res.json()) as { token: string };
  const s = server.visitorSocket(token);
  await connected(s);
  return s;
}

beforeAll(async () => {
  filesDir = await mkdtemp(join(tmpdir(), 'parley-fuzz-files-'));
  server = await startTestServer({
    app: {
      attachments: {
        storage: new LocalFileStorage(filesDir),
        secret: 'fuzz-secret-fuzz-secret-fuzz-secret',
        maxFileBytes: 64 * 1024,
        maxConversationBytes: 256 * 1024,
      },
    },
  });
  admin = await server.agent('Fuzz Admin', 'admin');
  const started = await server.visitorWithConversation('The conversation the fuzzer aims at');
  conversationId = started.conversation.id;
  visitor = started.socket;
  visitorToken = started.token;
});
afterAll(async () => {
  await server.close();
  await rm(filesDir, { recursive: true, force: true });
});

/** Valid payloads; the fuzzer mutates them. `$c` is replaced by a real conversation id. */
const VISITOR: Record<string, unknown> = {
  'conversation:start': { clientId: 'fuzz-start-0001', text: 'hello', email: 'a@b.co', name: 'A', trail: [] },
  'message:send': { conversationId: '$c', clientId: 'fuzz-send-0001', text: 'hi' },
  'conversation:sync': { since: { $c: 0 } },
  'typing:set': { conversationId: '$c', typing: true },
  'message:read': { conversationId: '$c', seq: 1 },
  'message:delivered': { conversationId: '$c', seq: 1 },
  'page:viewed': { url: 'http://shop.test/a', title: 'A' },
  'conversation:close': { conversationId: '$c' },
  'conversation:rate': { conversationId: '$c', rating: 5, comment: 'ok' },
  'visitor:identify': { name: 'A', email: 'a@b.co', hash: 'ab'.repeat(32) },
  'no:such-command': {},
};
const AGENT: Record<string, unknown> = {
  'inbox:list': {},
  'conversation:open': { conversationId: '$c' },
  'conversation:claim': { conversationId: '$c' },
  'conversation:transfer': { conversationId: '$c', toAgentId: null, note: 'n' },
  'conversation:close': { conversationId: '$c' },
  'conversation:reopen': { conversationId: '$c' },
  'message:send': { conversationId: '$c', clientId: 'fuzz-agent-0001', text: 'hi', internal: false },
  'typing:set': { conversationId: '$c', typing: false },
  'message:read': { conversationId: '$c', seq: 1 },
  'message:delivered': { conversationId: '$c', seq: 1 },
  'agent:status': { status: 'online' },
  'conversation:view': { conversationId: '$c' },
  'no:such-command': {},
};

/** Emits any event name with any payload (the typed helpers only take real commands) and waits for the ack. */
function request(socket: VisitorSocket | AgentSocket, event: string, payload: unknown): Promise<unknown> {
  const raw = socket as unknown as {
    timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  };
  return raw.timeout(5000).emitWithAck(event, payload);
}

const withIds = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v ?? null).replaceAll('$c', conversationId));

/** A valid payload with one key mutated, dropped or added; or any value at all. */
function payloads(valid: unknown): fc.Arbitrary<unknown> {
  const keys = Object.keys((valid ?? {}) as object);
  const mutated =
    keys.length === 0
      ? fc.constant(valid)
      : fc
          .tuple(fc.constantFrom(...keys), fc.oneof(fc.anything(), fc.constant(undefined)), fc.boolean())
          .map(([key, value, drop]) => {
            const copy = { ...(withIds(valid) as Record<string, unknown>) };
            if (drop) delete copy[key];
            else copy[key] = value;
            return copy;
          });
  const added = fc
    .tuple(fc.string({ maxLength: 12 }), fc.anything())
    .map(([key, value]) => ({ ...(withIds(valid) as object), [key]: value }));
  return fc.oneof(
    { weight: 3, arbitrary: mutated },
    { weight: 1, arbitrary: added },
    { weight: 2, arbitrary: fc.anything({ maxDepth: 3 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(null, undefined, '', 0, [], 'x'.repeat(5000), {
        __proto__: { admin: true },
      }),
    },
  );
}

function expectAck(ack: unknown, what: string) {
  const a = ack as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } };
  expect(typeof a?.ok, what).toBe('boolean');
  if (a.ok === false) {
    expect(CODES.has(String(a.error?.code)), `${what}: code ${String(a.error?.code)}`).toBe(true);
    expect(a.error?.code, what).not.toBe('internal');
    expect(typeof a.error?.message, what).toBe('string');
  }
}

async function healthy() {
  const r = await fetch(`${server.url}/healthz`);
  expect(r.status).toBe(200);
}

const options = { numRuns: RUNS, interruptAfterTimeLimit: TIME_MS, markInterruptAsFailure: false };

describe('fuzzing every socket command', () => {
  it.each(Object.keys(VISITOR))('visitor %s answers every payload with a known code', async (event) => {
    await fc.assert(
      fc.asyncProperty(payloads(VISITOR[event]), async (payload) => {
        if (!visitor.connected) visitor = await freshVisitor();
        const ack = await request(visitor, event, payload).catch((err: Error) => err);
        // A socket the server cut (rate or size) is a fair answer; a silent socket is not.
        if (ack instanceof Error) {
          expect(visitor.connected, `${event}: no ack and still connected`).toBe(false);
          return;
        }
        expectAck(ack, `visitor ${event} ${JSON.stringify(payload)?.slice(0, 200)}`);
      }),
      options,
    );
    visitor.disconnect();
    visitor = await freshVisitor();
    await healthy();
  });

  it.each(Object.keys(AGENT))('agent %s answers every payload with a known code', async (event) => {
    let socket: AgentSocket = admin.socket;
    await fc.assert(
      fc.asyncProperty(payloads(AGENT[event]), async (payload) => {
        if (!socket.connected) {
          socket = server.agentSocket(admin.cookie);
          await connected(socket);
        }
        const ack = await request(socket, event, payload).catch((err: Error) => err);
        if (ack instanceof Error) {
          expect(socket.connected, `${event}: no ack and still connected`).toBe(false);
          return;
        }
        expectAck(ack, `agent ${event} ${JSON.stringify(payload)?.slice(0, 200)}`);
      }),
      options,
    );
    await healthy();
  });
});

/** Every route that takes a body, with a valid one to mutate. `:id` is a real conversation or agent id. */
const ROUTES: Array<{ method: string; path: string; body: unknown; as?: 'admin' }> = [
  { method: 'POST', path: '/api/visitor/session', body: { context: { url: 'http://shop.test/' } } },
  {
    method: 'POST',
    path: '/api/visitor/events',
    body: { events: [{ kind: 'search', query: 'q', resultCount: 0 }] },
  },
  { method: 'POST', path: '/api/auth/login', body: { email: 'nobody@example.com', password: 'wrong' } },
  { method: 'POST', path: '/api/auth/invite', body: { token: 'x'.repeat(43) } },
  {
    method: 'POST',
    path: '/api/auth/invite/accept',
    body: { token: 'x'.repeat(43), password: 'long enough pw 1' },
  },
  {
    method: 'POST',
    path: '/api/console/saved-replies',
    body: { shortcut: 'hi', title: 'Hi', text: 'Hello' },
    as: 'admin',
  },
  { method: 'PATCH', path: '/api/console/saved-replies/nope', body: { text: 'x' }, as: 'admin' },
  { method: 'PUT', path: '/api/console/preferences', body: { sound: true }, as: 'admin' },
  {
    method: 'POST',
    path: '/api/console/agents',
    body: { email: 'n@example.com', name: 'N', role: 'agent' },
    as: 'admin',
  },
  { method: 'PATCH', path: '/api/console/agents/nope', body: { name: 'N' }, as: 'admin' },
  {
    method: 'POST',
    path: '/api/console/password',
    body: { currentPassword: 'wrong one', newPassword: 'x' },
    as: 'admin',
  },
  {
    method: 'POST',
    path: '/api/console/invites',
    body: { email: 'i@example.com', name: 'I', role: 'agent' },
    as: 'admin',
  },
  { method: 'PUT', path: '/api/admin/settings', body: { routing: { queueLimit: 20 } }, as: 'admin' },
  { method: 'POST', path: '/api/reports', body: {}, as: 'admin' },
];

function bodies(valid: unknown): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: payloads(valid).map((v) => JSON.stringify(v ?? null)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('{', '[]', '"', '{"a":', 'null', '\u0000', '{"__proto__":{"x":1}}'),
    },
  );
}

describe('fuzzing every HTTP body', () => {
  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s answers every body with a JSON error or success, never a 500',
    async (_name, route) => {
      await fc.assert(
        fc.asyncProperty(bodies(route.body), fc.integer({ min: 0, max: 1 << 16 }), async (body, n) => {
          const res = await fetch(`${server.url}${route.path}`, {
            method: route.method,
            headers: {
              'content-type': 'application/json',
              'x-forwarded-for': `10.8.${n >> 8}.${n & 255}`,
              ...(route.as ? { cookie: admin.cookie } : {}),
            },
            body,
          });
          const text = await res.text();
          expect(res.status, `${route.path} ${body.slice(0, 200)}: ${text.slice(0, 200)}`).toBeLessThan(500);
          if (res.status >= 400) {
            const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
            expect(CODES.has(String(code)), `${route.path}: ${text.slice(0, 200)}`).toBe(true);
          }
        }),
        options,
      );
      await healthy();
    },
  );
});

/** Bytes a file upload might carry: random, or a known header (PNG, PDF, SVG, zip) followed by random bytes. */
const fileBodies = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc
    .tuple(
      fc.constantFrom(
        '\x89PNG\r\n\x1a\n',
        '%PDF-1.4\n',
        '<svg onload=alert(1)>',
        'PK\x03\x04',
        'GIF89a',
        '\xff\xd8\xff\xe0',
        'RIFF\x00\x00\x00\x00WEBP',
        'plain text',
      ),
      fc.uint8Array({ maxLength: 1024 }),
    )
    .map(([head, rest]) => new Uint8Array([...Buffer.from(head, 'latin1'), ...rest])),
);

/** Who asks: the conversation's visitor, the admin, a made-up token, or nobody. */
const callers = fc.constantFrom('visitor', 'admin', 'stranger', 'nobody');
const authOf = (who: string): Record<string, string> =>
  who === 'visitor'
    ? { authorization: `Bearer ${visitorToken}` }
    : who === 'admin'
      ? { cookie: admin.cookie }
      : who === 'stranger'
        ? { authorization: 'Bearer not-a-token' }
        : {};

const pathPart = fc.oneof(
  fc.string({ maxLength: 80 }).map(encodeURIComponent),
  fc.constantFrom('$c', '..', '%2e%2e', 'a'.repeat(64), 'f'.repeat(64), '%00', 'x'.repeat(300)),
);

async function expectJsonOrFile(res: Response, what: string) {
  const text = await res.text();
  expect(res.status, `${what}: ${text.slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
    expect(CODES.has(String(code)), `${what}: ${text.slice(0, 200)}`).toBe(true);
  }
}

describe('fuzzing the attachment routes', () => {
  it('POST /api/attachments/:conversationId answers every file, name and caller with a known code', async () => {
    await fc.assert(
      fc.asyncProperty(
        fileBodies,
        fc.string({ maxLength: 300 }),
        callers,
        fc.oneof({ weight: 4, arbitrary: fc.constant('$c') }, { weight: 1, arbitrary: pathPart }),
        fc.integer({ min: 0, max: 1 << 16 }),
        async (body, name, who, target, n) => {
          const id = target === '$c' ? conversationId : target;
          const res = await fetch(`${server.url}/api/attachments/${id}?name=${encodeURIComponent(name)}`, {
            method: 'POST',
            headers: {
              origin: 'http://shop.test',
              'content-type': 'application/octet-stream',
              'x-forwarded-for': `10.7.${n >> 8}.${n & 255}`,
              ...authOf(who),
            },
            body,
          });
          await expectJsonOrFile(res, `upload ${who} ${id.slice(0, 40)} ${name.slice(0, 40)}`);
        },
      ),
      options,
    );
    await healthy();
  });

  it('GET a link and GET a signed file answer every path and query with a known code', async () => {
    const up = await fetch(`${server.url}/api/attachments/${conversationId}?name=note.txt`, {
      method: 'POST',
      headers: { origin: 'http://shop.test', authorization: `Bearer ${visitorToken}` },
      body: 'A note the fuzzer links to',
    });
    expect(up.status).toBeLessThan(300);
    const { url, attachment } = (await up.json()) as { url: string; attachment: { id: string } };
    const valid = new URL(url, server.url);
    const [, , , , conv, id, name] = valid.pathname.split('/') as string[];
    const part = (real: string) =>
      fc.oneof({ weight: 3, arbitrary: fc.constant(real) }, { weight: 1, arbitrary: pathPart });
    const query = (real: string) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(real) },
        { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
      );
    await fc.assert(
      fc.asyncProperty(
        part(String(conv)),
        part(String(id)),
        part(String(name)),
        query(valid.searchParams.get('e') ?? ''),
        query(valid.searchParams.get('s') ?? ''),
        callers,
        async (c, f, n, e, sig, who) => {
          const cv = c === '$c' ? conversationId : c;
          const link = await fetch(`${server.url}/api/attachments/${cv}/${f}/link?name=${n}`, {
            headers: authOf(who),
          });
          await expectJsonOrFile(link, `link ${cv.slice(0, 40)}/${f.slice(0, 40)}`);
          const file = await fetch(
            `${server.url}/api/attachments/f/${cv}/${f}/${n}?e=${encodeURIComponent(e)}&s=${encodeURIComponent(sig)}`,
          );
          await expectJsonOrFile(file, `file ${cv.slice(0, 40)}/${f.slice(0, 40)}?e=${e}&s=${sig}`);
        },
      ),
      options,
    );
    expect(attachment.id).toBe(id);
    await healthy();
  });
});

describe('fuzzing the erasure route', () => {
  it('DELETE /api/admin/conversations/:id answers every id and caller with a known code', async () => {
    await fc.assert(
      fc.asyncProperty(pathPart, callers, async (id, who) => {
        // Never the conversation the other properties aim at: an erasure of it would be a fair answer, but
        // would leave them nothing to fuzz.
        const target = id === '$c' ? 'x' : id;
        const res = await fetch(`${server.url}/api/admin/conversations/${target}`, {
          method: 'DELETE',
          headers: authOf(who),
        });
        await expectJsonOrFile(res, `erase ${who} ${target.slice(0, 40)}`);
      }),
      options,
    );
    await healthy();
  });
});
