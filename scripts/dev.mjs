// `npm run dev`: rebuild the browser assets on change and restart the server on change.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = (cmd, args) => spawn(cmd, args, { cwd: root, stdio: 'inherit' });
const children = [
  run('npx', ['vite', 'build', '--watch']),
  run('npx', ['vite', 'build', '--mode', 'loader', '--watch']),
  run('npx', ['tsx', 'watch', '--clear-screen=false', 'server/main.ts']),
];
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const c of children) c.kill(sig);
  });
}
