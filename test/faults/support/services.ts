import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/process.ts';

const isRoot = process.getuid?.() === 0;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a PostgreSQL tool as the postgres user when we are root (initdb refuses root). */
function pgTool(bin: string, args: string[]) {
  const dir = readdirSync('/usr/lib/postgresql')
    .sort((a, b) => Number(a) - Number(b))
    .at(-1);
  const path = join('/usr/lib/postgresql', String(dir), 'bin', bin);
  return isRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', path, ...args], { stdio: 'pipe' })
    : execFileSync(path, args, { stdio: 'pipe' });
}

/** A private PostgreSQL cluster on a free loopback port, in a temp dir: ours to stop and restart. */
export async function startPostgres() {
  // The postgres user must reach the data directory: /tmp unless it is closed to others, then /var/tmp.
  const base = statSync(tmpdir()).mode & 0o001 ? tmpdir() : '/var/tmp';
  const dir = mkdtempSync(join(base, 'parley-faults-pg-'));
  chmodSync(dir, 0o755);
  const data = join(dir, 'data');
  mkdirSync(data);
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    chownSync(dir, uid, uid);
    chownSync(data, uid, uid);
  }
  const port = await freePort();
  pgTool('initdb', ['-D', data, '--auth=trust', '-U', 'postgres']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  let running = false;
  const start = () => {
    if (running) return;
    pgTool('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', opts, 'start']);
    running = true;
  };
  const stop = () => {
    running = false;
    pgTool('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  start();
  let n = 0;
  return {
    /** A fresh database for one scenario. */
    newDatabase(): string {
      n += 1;
      const name = `faults_${n}`;
      pgTool('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    /** `pg_ctl stop -m fast` (every session is ended with 57P01). */
    stop,
    start,
    close() {
      try {
        pgTool('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type Postgres = Awaited<ReturnType<typeof startPostgres>>;

/** A private Redis on a free loopback port (no persistence): ours to stop and start. */
export async function startRedis() {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    const c = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    child = c;
    for (let i = 0; i < 100; i++) {
      try {
        execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'pipe' });
        return;
      } catch {
        await wait(50);
      }
    }
    throw new Error('redis did not start');
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, start, stop, close: stop };
}
export type Redis = Awaited<ReturnType<typeof startRedis>>;

/**
 * A small filesystem of its own (tmpfs, `size`), so the disk can fill for real; root only (CI runs as root).
 * `fill()` takes every free byte with a filler file; `free()` deletes it.
 */
export function smallDisk(sizeMb: number) {
  if (!isRoot) throw new Error('the full-disk fault mounts a tmpfs and needs root (CI runs as root)');
  const dir = mkdtempSync(join(tmpdir(), 'parley-faults-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir]);
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      // dd stops at ENOSPC; its non-zero exit is the point.
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=64k'], { stdio: 'pipe' });
      } catch {
        // disk full
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    close() {
      try {
        execFileSync('umount', ['-l', dir]);
      } catch {
        // not mounted
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
