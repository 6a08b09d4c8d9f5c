// Compiles the server to plain JavaScript in dist/server (one file per entry, dependencies left as imports), so
// `npm start` runs one Node process with no TypeScript compiler or tsx at run time.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const outdir = join(root, 'dist', 'server');
const entries = {
  main: 'server/main.ts',
  parley: 'server/cli/parley.ts',
  'kb-check': 'server/cli/kb-check.ts',
};

/** The newest modification time of a file or anything below a folder. */
export function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

/** True when a bundle is missing or older than any server source or the lock file. */
export function serverStale() {
  const built = Object.keys(entries).map((name) => join(outdir, `${name}.js`));
  if (!built.every(existsSync)) return true;
  const oldest = Math.min(...built.map((f) => statSync(f).mtimeMs));
  return Math.max(newest(join(root, 'server')), newest(join(root, 'package-lock.json'))) > oldest;
}

export async function buildServer() {
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, src]) => [name, join(root, src)])),
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildServer();
