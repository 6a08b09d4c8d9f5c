// `npm start`: build the browser assets and the server when they are missing or older than their sources, then run
// the compiled server in this same process (no tsx, no wrapper process between the signals and the server).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServer, newest, serverStale } from './build-server.mjs';

const root = resolve(import.meta.dirname, '..');
const stamp = join(root, 'dist', 'public', '.build-stamp');

const sources = [
  join(root, 'widget'),
  join(root, 'server', 'protocol'),
  join(root, 'vite.config.ts'),
  join(root, 'package.json'),
];
if (!existsSync(stamp) || Math.max(...sources.map(newest)) > statSync(stamp).mtimeMs) {
  console.log('parley: building the widget and console…');
  const r = spawnSync('npx', ['vite', 'build'], { cwd: root, stdio: 'inherit' });
  const l =
    r.status === 0
      ? spawnSync('npx', ['vite', 'build', '--mode', 'loader'], { cwd: root, stdio: 'inherit' })
      : r;
  if (l.status !== 0) process.exit(l.status ?? 1);
  writeFileSync(stamp, new Date().toISOString());
}
if (serverStale()) {
  console.log('parley: compiling the server…');
  await buildServer();
}

process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(root, 'dist', 'server', 'main.js')).href);
