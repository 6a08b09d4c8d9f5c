// `npm run bench`: every benchmark, one after another. Each measures and prints; none passes or fails on time.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const benches = [
  'bench:search',
  'bench:realtime',
  'bench:widget',
  'bench:console',
  'bench:reports',
  'bench:startup',
];
let failed = 0;
for (const name of benches) {
  console.log(`\n── npm run ${name} ──`);
  const r = spawnSync('npm', ['run', '--silent', name], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
