/**
 * `npm run bench:startup`: how long `npm start`'s server takes from process start to listening, and its idle memory,
 * with the shipped knowledge base and with 5,000 articles; the compiled server (dist/server/main.js, what
 * `npm start` runs) beside the TypeScript sources under tsx (what it ran before). A cold start opens a new data
 * folder (migrations run); a warm one reopens it. Measures and prints; never passes or fails.
 *
 * Options (env): ARTICLES (5000), RUNS (3).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildServer, serverStale } from '../../scripts/build-server.mjs';
import { SERVER_NODE_FLAGS } from '../../scripts/node-flags.mjs';
import { writeScaledCorpus } from './support/scaled-corpus.ts';

const root = resolve(import.meta.dirname, '..', '..');
const ARTICLES = Number(process.env.ARTICLES ?? 5000);
const RUNS = Number(process.env.RUNS ?? 3);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Start {
  ms: number;
  rssMb: number;
}

/** Starts a server, waits for its "listening" line, reads its RSS after it settles, and stops it. */
async function startOnce(args: string[], env: Record<string, string>): Promise<Start> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const ms = await new Promise<number>((done, fail) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Parley is listening')) done(performance.now() - t0);
    });
    child.on('exit', (code) => fail(new Error(`server exited (${code}):\n${out.slice(-2000)}`)));
  });
  await sleep(1500);
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
  return { ms, rssMb: rssKb / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function series(label: string, args: string[], kbDir: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'parley-startup-'));
  try {
    const cold = await startOnce(args, { KB_DIR: kbDir, DATA_DIR: dataDir });
    const warm: Start[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await startOnce(args, { KB_DIR: kbDir, DATA_DIR: dataDir }));
    console.log(
      `${label.padEnd(44)} cold ${cold.ms.toFixed(0).padStart(5)} ms   warm median ${median(
        warm.map((w) => w.ms),
      )
        .toFixed(0)
        .padStart(5)} ms (of ${RUNS})   idle RSS ${median(warm.map((w) => w.rssMb)).toFixed(0)} MB`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (serverStale()) await buildServer();
// The flags `npm start` runs the server with.
const compiled = [...SERVER_NODE_FLAGS, join(root, 'dist', 'server', 'main.js')];
const sources = ['--import', 'tsx', join(root, 'server', 'main.ts')];
const shipped = join(root, 'knowledge-base');
const big = mkdtempSync(join(tmpdir(), 'parley-startup-kb-'));
try {
  await writeScaledCorpus(big, ARTICLES);
  console.log(
    `Start-up to listening, SQLite, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  await series('compiled, shipped knowledge base', compiled, shipped);
  await series('tsx sources, shipped knowledge base', sources, shipped);
  await series(`compiled, ${ARTICLES} articles`, compiled, big);
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  rmSync(big, { recursive: true, force: true });
}
