import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { configuredMailer } from '../../server/domain/follow-up/mailer.ts';
import { silentLogger } from '../../server/lib/logger.ts';

describe('MAIL_FROM: who the emails come from', () => {
  it('puts the configured sender on every email', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-mail-'));
    try {
      const config = loadConfig({ DATA_DIR: dataDir, MAIL_FROM: 'Northwind Help <help@northwind.example>' });
      expect(config.mailFrom).toBe('Northwind Help <help@northwind.example>');
      await configuredMailer(config, silentLogger()).send({
        to: 'ada@example.com',
        subject: 'Hi',
        text: 'Hello',
      });
      const [file] = await readdir(join(dataDir, 'outbox'));
      const eml = await readFile(join(dataDir, 'outbox', file!), 'utf8');
      expect(eml).toMatch(/^From: Northwind Help <help@northwind\.example>$/m);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a sender that is not an address, naming the variable', () => {
    expect(() => loadConfig({ MAIL_FROM: 'Northwind Help' })).toThrow(ConfigError);
    try {
      loadConfig({ MAIL_FROM: 'a@b.c\r\nBcc: x@y.z' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems[0]).toMatch(/^MAIL_FROM: /);
    }
    expect(loadConfig({}).mailFrom).toBeUndefined();
  });
});
