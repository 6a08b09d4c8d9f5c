import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..', '..');

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface ParleyProcess {
  url: string;
  port: number;
  dataDir: string;
  adminEmail: string;
  adminPassword: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  logs: string[];
}

/** Starts `server/main.ts` as a real process, the way `npm start` does, on SQLite in a temporary DATA_DIR. */
export async function startParley(opts: {
  allowedOrigins: string[];
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<ParleyProcess> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'parley-e2e-'));
  const adminEmail = 'admin@northwind.test';
  const adminPassword = 'e2e-password-123';
  const logs: string[] = [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    KB_DIR: join(root, 'knowledge-base'),
    ALLOWED_ORIGINS: opts.allowedOrigins.join(','),
    PARLEY_ADMIN_EMAIL: adminEmail,
    PARLEY_ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: 'info',
    ...opts.env,
  };
  // The browser tests run on the embedded defaults: SQLite, one node.
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => logs.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => logs.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Parley exited early:\n${logs.join('')}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`Parley did not start:\n${logs.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    dataDir,
    adminEmail,
    adminPassword,
    child,
    logs,
    stop: (signal = 'SIGTERM') =>
      new Promise((r) => {
        // A process ended by a signal has a null exit code but a signal code.
        if (child.exitCode !== null || child.signalCode !== null) return r(child.exitCode);
        child.once('exit', (code) => r(code));
        child.kill(signal);
      }),
  };
}

export function removeDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

/** A stand-in for a customer's website on another origin, embedding Parley with the documented snippet. */
export async function startHostSite(
  parleyUrl: string,
  pages: Record<string, { html: (parley: string) => string; headers?: Record<string, string> }> = {},
  port = 0,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const page = pages[path];
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...page?.headers });
    res.end(page ? page.html(parleyUrl) : defaultHostPage(parleyUrl));
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  // "localhost" vs Parley's "127.0.0.1": a different origin, as a real customer's site would be.
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, server };
}

export function defaultHostPage(parleyUrl: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Northwind Goods</title></head>
<body><main><h1>Northwind Goods</h1><p>Welcome to the shop.</p></main>
<script async src="${parleyUrl}/widget.js"></script></body></html>`;
}
