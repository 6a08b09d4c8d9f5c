import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../scripts/node-flags.mjs';

const root = resolve(import.meta.dirname, '..', '..');
const read = (...path: string[]) => readFileSync(join(root, ...path), 'utf8');

describe('the flags the server runs with', () => {
  it('are the ones npm start passes, and the ones the systemd unit in the deployment guide passes', () => {
    const start = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;
    const unit = /^ExecStart=(.*)$/m.exec(read('docs', 'deploying.md'))?.[1] ?? '';
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of SERVER_NODE_FLAGS) {
      expect(start.split(' ')).toContain(flag);
      expect(unit.split(' ')).toContain(flag);
    }
    // The flags go to Node, before the script.
    expect(start.indexOf(SERVER_NODE_FLAGS[0] ?? '')).toBeLessThan(start.indexOf('scripts/start.mjs'));
    expect(unit.indexOf(SERVER_NODE_FLAGS[0] ?? '')).toBeLessThan(unit.indexOf('dist/server/main.js'));
  });
});
