import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { configProblems as problems } from '../support/config.ts';

describe('configuration from the environment', () => {
  it('starts on embedded defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      redisUrl: undefined,
      allowedOrigins: [],
      logLevel: 'info',
    });
    expect(c.kbDir).toMatch(/knowledge-base$/);
    expect(c.dataDir).toMatch(/data$/);
  });

  it('names PORT and what it expects when the port is not a number', () => {
    expect(problems({ PORT: 'eighty' })).toEqual([expect.stringMatching(/^PORT: .*number.*"eighty"/)]);
    expect(problems({ PORT: '70000' })).toEqual([expect.stringMatching(/^PORT: .*65535/)]);
  });

  it('names DATABASE_URL when it is not a PostgreSQL URL', () => {
    expect(problems({ DATABASE_URL: 'mysql://x' })).toEqual([
      expect.stringMatching(/^DATABASE_URL: must be a PostgreSQL URL/),
    ]);
  });

  it('reports every bad variable at once', () => {
    const p = problems({ PORT: '-1', REDIS_URL: 'localhost', LOG_LEVEL: 'loud', ALLOWED_ORIGINS: '*' });
    expect(p.map((x) => x.split(':')[0]).sort()).toEqual([
      'ALLOWED_ORIGINS',
      'LOG_LEVEL',
      'PORT',
      'REDIS_URL',
    ]);
  });

  it('accepts a list of origins and refuses paths and wildcards in it', () => {
    expect(
      loadConfig({ ALLOWED_ORIGINS: 'https://shop.example.com, http://localhost:8080/' }).allowedOrigins,
    ).toEqual(['https://shop.example.com', 'http://localhost:8080']);
    expect(problems({ ALLOWED_ORIGINS: 'https://shop.example.com/path' })[0]).toMatch(/^ALLOWED_ORIGINS/);
  });

  it('wants the admin email and password together, and a long enough password', () => {
    expect(problems({ PARLEY_ADMIN_EMAIL: 'a@b.co' })[0]).toMatch(
      /PARLEY_ADMIN_EMAIL and PARLEY_ADMIN_PASSWORD/,
    );
    expect(problems({ PARLEY_ADMIN_EMAIL: 'a@b.co', PARLEY_ADMIN_PASSWORD: 'short' })[0]).toMatch(
      /^PARLEY_ADMIN_PASSWORD: .*10/,
    );
  });
});
