import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server.ts';

describe('names people choose', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const patchMe = (cookie: string, body: unknown) =>
    fetch(`${server.url}/api/console/me`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    });

  it('an agent renames themselves, and a blank or unknown field is refused', async () => {
    const { cookie, row } = await server.agent('owner');
    const res = await patchMe(cookie, { name: '  Olivia Owner ' });
    expect(res.status).toBe(200);
    expect((await res.json()).agent).toMatchObject({ id: row.id, name: 'Olivia Owner' });
    expect((await server.services.agents.byId(row.id))?.name).toBe('Olivia Owner');
    expect((await patchMe(cookie, { name: '   ' })).status).toBe(400);
    expect((await patchMe(cookie, { role: 'admin' })).status).toBe(400);
  });

  it('the first admin takes PARLEY_ADMIN_NAME when given', async () => {
    const fresh = await startTestServer();
    try {
      for (const a of await fresh.services.agents.list()) expect(a).toBeUndefined();
      expect(
        await fresh.services.agents.bootstrapAdmin('owner@example.com', 'a long password', 'Olivia Owner'),
      ).toBe(true);
      const [admin] = await fresh.services.agents.list();
      expect(admin?.name).toBe('Olivia Owner');
    } finally {
      await fresh.close();
    }
  });
});
