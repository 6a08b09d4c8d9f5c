import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..');

function parley(args: string[], dataDir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server', 'cli', 'parley.ts'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
    encoding: 'utf8',
  });
}

describe('the parley command line', () => {
  it('creates the first admin with a generated password, then lists them', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    const added = parley(
      ['agent:add', '--email', 'Ada@Example.com', '--name', 'Ada', '--role', 'admin'],
      dataDir,
    );
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/^Created admin ada@example\.com with password: \S{16}$/m);
    const listed = parley(['agent:list'], dataDir);
    expect(listed.stdout).toBe('ada@example.com\tAda\tadmin\n');
  });

  it('explains its usage on a missing or bad argument', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    const bad = parley(['agent:add', '--email', 'x@example.com', '--name', 'X', '--role', 'owner'], dataDir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Usage:/);
  });
});
