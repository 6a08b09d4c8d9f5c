import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect as dialTcp, type Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clamdScanner,
  commandScanner,
  type VirusScanner,
} from '../../server/domain/attachments/virus-scan.ts';
import { LocalFileStorage } from '../../server/storage/files/local-file-storage.ts';
import { startTestServer } from '../support/server.ts';

/**
 * The virus-scan hook with ClamAV itself (Debian's clamscan and clamd, installed by .ci/run) and the EICAR test
 * string. No signature download is possible here, so ClamAV loads one local signature file that names the EICAR
 * string; everything else about the scan (the INSTREAM protocol, exit codes, answers) is ClamAV's own. A
 * scanner that cannot answer is a small stand-in (a TCP server that hangs up, a command that exits 2).
 */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
const SHOP = 'http://shop.test';

let dir: string;
let signatures: string;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Real clamd on a loopback port with the local signature file; resolves once it answers PING. */
async function startClamd(): Promise<{ address: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const conf = join(dir, 'clamd.conf');
  await writeFile(
    conf,
    [
      'Foreground yes',
      `DatabaseDirectory ${join(dir, 'db')}`,
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      `LogFile ${join(dir, 'clamd.log')}`,
    ].join('\n'),
  );
  const child: ChildProcess = spawn('/usr/sbin/clamd', ['-c', conf], { stdio: 'ignore' });
  const pong = () =>
    new Promise<boolean>((resolve) => {
      const s = dialTcp({ host: '127.0.0.1', port }, () => s.end('zPING\0'));
      let got = '';
      s.on('data', (d) => {
        got += d.toString();
      });
      s.on('close', () => resolve(got.includes('PONG')));
      s.on('error', () => resolve(false));
    });
  const deadline = Date.now() + 30_000;
  while (!(await pong())) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('clamd did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    address: `tcp://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}

async function serverWith(scanner: VirusScanner) {
  const files = await mkdtemp(join(dir, 'files-'));
  const storage = new LocalFileStorage(files);
  const server = await startTestServer({
    app: {
      attachments: {
        storage,
        scanner,
        secret: 'scan-secret-scan-secret-scan-secret',
        maxFileBytes: 64 * 1024,
        maxConversationBytes: 256 * 1024,
      },
    },
  });
  const v = await server.visitorWithConversation('Here is the file you asked for');
  const upload = (body: string, name: string) =>
    fetch(`${server.url}/api/attachments/${v.conversation.id}?name=${name}`, {
      method: 'POST',
      headers: { origin: SHOP, authorization: `Bearer ${v.token}` },
      body,
    });
  return { server, storage, conversationId: v.conversation.id, token: v.token, upload };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-scan-'));
  await mkdir(join(dir, 'db'));
  signatures = join(dir, 'db', 'parley-test.ndb');
  const hex = Buffer.from(EICAR, 'latin1').toString('hex');
  await writeFile(signatures, `Eicar-Test-Signature:0:*:${hex}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each([
  ['clamscan (a command reading stdin)', 'command'],
  ['clamd over INSTREAM', 'clamd'],
] as const)('virus scan with ClamAV: %s', (_name, kind) => {
  let t: Awaited<ReturnType<typeof serverWith>>;
  let clamd: Awaited<ReturnType<typeof startClamd>> | undefined;
  beforeAll(async () => {
    if (kind === 'clamd') clamd = await startClamd();
    const scanner = clamd
      ? clamdScanner(clamd.address)
      : commandScanner(['clamscan', '--no-summary', '-d', signatures, '-']);
    t = await serverWith(scanner);
  }, 40_000);
  afterAll(async () => {
    await t.server.close();
    await clamd?.stop();
  });

  it('refuses the EICAR test file with file_infected and stores nothing', async () => {
    const res = await t.upload(`${EICAR}\n`, 'invoice.txt');
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('file_infected');
    expect(body.error.message).toContain('Eicar-Test-Signature');
    expect(await t.storage.list(t.conversationId)).toEqual([]);
  });

  it('stores a clean file and tells both sides it was scanned', async () => {
    const res = await t.upload('The tracking number is 42', 'tracking.txt');
    expect(res.status).toBe(201);
    const up = (await res.json()) as { attachment: { id: string }; scan?: string };
    expect(up.scan).toBe('clean');
    expect((await t.storage.list(t.conversationId)).map((f) => f.sha256)).toEqual([up.attachment.id]);
    const path = `/api/attachments/${t.conversationId}/${up.attachment.id}/link?name=tracking.txt`;
    const asVisitor = await fetch(t.server.url + path, { headers: { authorization: `Bearer ${t.token}` } });
    expect(((await asVisitor.json()) as { scan?: string }).scan).toBe('clean');
    const agent = await t.server.agent('Scan Agent', 'agent');
    const asAgent = await fetch(t.server.url + path, { headers: { cookie: agent.cookie } });
    expect(((await asAgent.json()) as { scan?: string }).scan).toBe('clean');
  });
});

describe('a virus scanner that cannot answer', () => {
  let hangUp: NetServer;
  beforeAll(async () => {
    // A stand-in for a broken clamd: it accepts the connection and closes it without a word.
    hangUp = createServer((s) => s.destroy());
    await new Promise<void>((r) => hangUp.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await new Promise((r) => hangUp.close(r));
  });

  it.each([
    [
      'a clamd that hangs up',
      () => clamdScanner(`tcp://127.0.0.1:${(hangUp.address() as { port: number }).port}`),
    ],
    ['a command that exits 2 (a stand-in)', () => commandScanner(['sh', '-c', 'cat >/dev/null; exit 2'])],
    ['a command that does not exist', () => commandScanner(['/nonexistent/clamdscan', '-'])],
  ])('%s fails the upload with unavailable (retryable) and stores nothing', async (_n, make) => {
    const t = await serverWith(make());
    try {
      const res = await t.upload('A harmless note', 'note.txt');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unavailable');
      expect(await t.storage.list(t.conversationId)).toEqual([]);
      const health = await fetch(`${t.server.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await t.server.close();
    }
  });
});
