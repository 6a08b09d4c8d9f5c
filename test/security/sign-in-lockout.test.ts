import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server.ts';

// Finding 6: someone guessing passwords from one place slows themselves down, not the agent signing in
// from another.
describe('sign-in throttling per account and source', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  const login = (from: string, email: string, password: string) =>
    fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ email, password }),
    });

  it('an attacker elsewhere who hits the limit cannot lock the agent out', async () => {
    const { email } = await server.agent('Target');
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await login('203.0.113.9', email, `guess ${i}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    // The attacker's source stays slowed, even with the right password.
    expect((await login('203.0.113.9', email, 'correct horse battery')).status).toBe(429);
    // The agent, from their own address, signs in at once.
    expect((await login('198.51.100.20', email, 'correct horse battery')).status).toBe(200);
  });

  it('one source guessing many accounts is still slowed down', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await login('203.0.113.50', `n${i}@example.com`, 'x')).status);
    expect(statuses).toContain(429);
  });
});
