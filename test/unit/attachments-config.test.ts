import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { scannerFrom } from '../../server/domain/attachments/virus-scan.ts';
import { configProblems as problems } from '../support/config.ts';

describe('the virus scan and retention settings', () => {
  it('scans nothing and keeps everything by default', () => {
    const c = loadConfig({});
    expect(c.retentionDays).toBeUndefined();
    expect(scannerFrom(c.attachments.virusScan)).toBeUndefined();
  });

  it('takes clamd over TCP or a Unix socket, or a command', () => {
    const tcp = loadConfig({ PARLEY_VIRUS_SCAN_CLAMD: 'tcp://127.0.0.1:3310' });
    expect(scannerFrom(tcp.attachments.virusScan)?.describe).toBe('clamd at tcp://127.0.0.1:3310');
    const unix = loadConfig({ PARLEY_VIRUS_SCAN_CLAMD: '/run/clamav/clamd.ctl' });
    expect(scannerFrom(unix.attachments.virusScan)?.describe).toBe('clamd at /run/clamav/clamd.ctl');
    const cmd = loadConfig({ PARLEY_VIRUS_SCAN_COMMAND: 'clamdscan --no-summary -' });
    expect(scannerFrom(cmd.attachments.virusScan)?.describe).toBe('command clamdscan');
  });

  it('names a clamd address that is neither, and a retention that is not a whole number of days', () => {
    expect(problems({ PARLEY_VIRUS_SCAN_CLAMD: 'clamd.local:3310' })).toEqual([
      expect.stringMatching(/^PARLEY_VIRUS_SCAN_CLAMD: must be tcp:\/\/host:port or a Unix socket path/),
    ]);
    expect(problems({ PARLEY_RETENTION_DAYS: '0' })).toEqual([
      expect.stringMatching(/^PARLEY_RETENTION_DAYS/),
    ]);
    expect(problems({ PARLEY_RETENTION_DAYS: 'a month' })).toEqual([
      expect.stringMatching(/^PARLEY_RETENTION_DAYS/),
    ]);
    expect(loadConfig({ PARLEY_RETENTION_DAYS: '365' }).retentionDays).toBe(365);
  });
});

describe('the file-link secret when none is configured', () => {
  it('is made once, kept owner-only in the data folder, and the same after a restart', async () => {
    const { mkdtempSync, statSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { keptSecret } = await import('../../server/storage/files/from-config.ts');
    const dir = join(mkdtempSync(join(tmpdir(), 'parley-secret-')), 'data');
    try {
      const first = keptSecret(dir);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(keptSecret(dir)).toBe(first);
      expect(statSync(join(dir, 'file-url-secret')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
