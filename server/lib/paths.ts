import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project folder (the one holding package.json), found from this file's place, so the same code finds
 * `dist/public` whether it runs from `server/` (development, tests) or compiled from `dist/server/` (`npm start`).
 */
export function projectRoot(from: string = import.meta.dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
  return dir;
}
