import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outboxMailer } from '../../server/domain/follow-up/mailer.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import { openDatabase } from '../../server/storage/connect.ts';

// Finding 7: the database and the outbox (which holds live invite links) are the owner's alone.
const mode = (path: string) => statSync(path).mode & 0o777;

describe('data files are owner-only whatever the umask', () => {
  it('creates the SQLite folder 0700 and the database files 0600', async () => {
    const previous = process.umask(0o022);
    try {
      const dataDir = join(mkdtempSync(join(tmpdir(), 'parley-perm-')), 'data');
      const file = join(dataDir, 'parley.sqlite');
      const db = await openDatabase({ kind: 'sqlite', file });
      await db.db.selectFrom('agents').select('id').execute();
      expect(mode(dataDir)).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f))) {
        expect(mode(f), f).toBe(0o600);
      }
      expect(existsSync(`${file}-wal`)).toBe(true);
      await db.close();
    } finally {
      process.umask(previous);
    }
  });

  it('writes outbox emails 0600 in a 0700 folder', async () => {
    const previous = process.umask(0o022);
    try {
      const dir = join(mkdtempSync(join(tmpdir(), 'parley-perm-')), 'outbox');
      await outboxMailer(dir, silentLogger()).send({
        to: 'new@example.com',
        subject: 'Invite',
        text: 'link',
      });
      expect(mode(dir)).toBe(0o700);
      const [eml] = readdirSync(dir);
      expect(mode(join(dir, eml as string))).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });
});
