import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_KB } from '../support/server.ts';

const root = resolve(import.meta.dirname, '..', '..');

/** Runs server/main.ts as `npm start` does; resolves on exit or when `until` matches the output. */
function runMain(env: Record<string, string>, until?: RegExp) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'parley-proc-')),
      KB_DIR: FIXTURE_KB,
      HOST: '127.0.0.1',
      ...env,
    },
  });
  let out = '';
  const matched = new Promise<void>((resolveMatch) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      if (until?.test(out)) resolveMatch();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, matched, exited, output: () => out };
}

describe('the server process', () => {
  it('refuses to start on a bad PORT and names it', async () => {
    const run = runMain({ PORT: 'http' });
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toMatch(/PORT: must be a number/);
  });

  it('refuses to start on a bad DATABASE_URL and names it', async () => {
    const run = runMain({ DATABASE_URL: 'sqlite:///tmp/x.db' });
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toMatch(/DATABASE_URL: must be a PostgreSQL URL/);
  });

  it('says so when the port is already in use', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const run = runMain({ PORT: String(port) });
    expect(await run.exited).not.toBe(0);
    expect(run.output()).toMatch(new RegExp(`port ${port} is already in use`));
    blocker.close();
  });

  it('tells how to create the first admin, then stops cleanly on SIGTERM', async () => {
    const run = runMain({ PORT: '0' }, /Parley is listening/);
    await run.matched;
    expect(run.output()).toMatch(/npm run parley -- agent:add/);
    run.child.kill('SIGTERM');
    // The server exits 1 by itself if shutting down takes more than 10 s.
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/stopped/);
  });
});
