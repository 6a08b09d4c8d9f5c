import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../../support/process.ts';
import { FIXTURE_KB } from '../../support/server.ts';

const root = resolve(import.meta.dirname, '..', '..', '..');

/** One real server process (server/main.ts under tsx, as `npm start` runs it), logging to `logFile`. */
export class Node {
  child: ChildProcess | undefined;
  readonly url: string;

  private constructor(
    readonly port: number,
    readonly env: Record<string, string>,
    readonly logFile: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async create(env: Record<string, string>, logDir: string, name: string): Promise<Node> {
    return new Node(await freePort(), env, join(logDir, `${name}.log`));
  }

  /** Spawns the process; `ready`: wait until /healthz answers 200. */
  async start(ready = true): Promise<void> {
    const out = openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(this.port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        KB_DIR: FIXTURE_KB,
        ...this.env,
      },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    if (ready) await this.ready();
  }

  async ready(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null) throw new Error(`node exited:\n${this.log().slice(-2000)}`);
      if ((await this.health('/healthz')).status === 200) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`node not ready in ${timeoutMs} ms:\n${this.log().slice(-2000)}`);
  }

  async health(path: '/healthz' | '/readyz'): Promise<{ status: number; body: Record<string, unknown> }> {
    try {
      const res = await fetch(`${this.url}${path}`, { signal: AbortSignal.timeout(4000) });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    } catch {
      return { status: 0, body: {} };
    }
  }

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` and waits for the process to end. */
  async kill(signal: NodeJS.Signals): Promise<number | null> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return c?.exitCode ?? null;
    const exited = new Promise<number | null>((r) => c.once('exit', (code) => r(code)));
    c.kill(signal);
    return exited;
  }

  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  /** Log lines (pino JSON) whose msg matches. */
  logLines(match: RegExp): Array<Record<string, unknown>> {
    return this.log()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => match.test(String(l.msg ?? '')));
  }
}
