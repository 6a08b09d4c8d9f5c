// `npm test`: typecheck, lint, every vitest project, the fault suite, then the browser tests. Ends with one plain
// "N passed, N failed" line (also written to .tmp/test-summary.txt for CI).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const tmp = join(root, '.tmp');
mkdirSync(tmp, { recursive: true });
let passed = 0;
let failed = 0;

function run(name, cmd, args, env = {}) {
  console.log(`\n── ${name} ──`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(name, cmd, args) {
  if (run(name, cmd, args)) passed += 1;
  else failed += 1;
}

function counted(name, cmd, args, report, count, env) {
  rmSync(report, { force: true });
  const ok = run(name, cmd, args, env);
  if (!existsSync(report)) {
    failed += 1;
    console.log(`${name}: no report written`);
    return;
  }
  const [p, f] = count(JSON.parse(readFileSync(report, 'utf8')));
  passed += p;
  failed += f;
  if (!ok && f === 0) failed += 1; // a runner that failed outside any test still fails the run
}

check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('lint', 'npx', ['biome', 'check', '.']);

const vitestReport = join(tmp, 'vitest.json');
counted(
  'vitest (unit, components, integration)',
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`],
  vitestReport,
  (r) => [r.numPassedTests, r.numFailedTests + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)],
);

// Kills, outages and a full disk against real processes (test/faults; private PostgreSQL and Redis, a tmpfs).
const faultsReport = join(tmp, 'faults.json');
counted(
  'fault suite (kills, outages, full disk)',
  'npx',
  [
    'vitest',
    'run',
    '--config',
    'test/faults/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${faultsReport}`,
  ],
  faultsReport,
  (r) => [r.numPassedTests, r.numFailedTests + (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)],
);

const e2eReport = join(tmp, 'playwright.json');
counted(
  'browser tests (Playwright + Chromium)',
  'node',
  ['scripts/e2e.mjs'],
  e2eReport,
  (r) => [r.stats.expected, r.stats.unexpected + r.stats.flaky + r.stats.skipped],
  { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport },
);

const line = `${passed} passed, ${failed} failed`;
writeFileSync(join(tmp, 'test-summary.txt'), `${line}\n`);
console.log(`\n${line}`);
process.exit(failed === 0 ? 0 : 1);
