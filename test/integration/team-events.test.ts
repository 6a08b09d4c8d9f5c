import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteCreatedResponse, InviteUpdatedEvent } from '../../server/protocol/accounts.ts';
import type { AgentDTO } from '../../server/protocol/dto.ts';
import { databaseTargets } from '../support/database.ts';
import { nextEvent, request, startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2)}@example.com`;

for (const { name, target } of databaseTargets()) {
  describe(`team changes reach admins' consoles live on ${name}`, () => {
    let server: Server;
    let admin: Awaited<ReturnType<Server['agent']>>;
    let agent: Awaited<ReturnType<Server['agent']>>;
    const heardByAgent: InviteUpdatedEvent[] = [];

    beforeAll(async () => {
      server = await startTestServer({ database: target() });
      admin = await server.agent('Alma', 'admin');
      agent = await server.agent('Ben', 'agent');
      agent.socket.on('invite:updated', (e) => heardByAgent.push(e));
    });
    afterAll(async () => {
      await server?.close();
    });

    const post = (path: string, body: unknown, cookie = '') =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const invite = async () => {
      const made = post(
        '/api/console/invites',
        { email: unique('nia'), name: 'Nia', role: 'agent' },
        admin.cookie,
      );
      const res = await made;
      expect(res.status).toBe(201);
      const body = (await res.json()) as InviteCreatedResponse;
      return { ...body, token: body.url.split('#invite=')[1] ?? '' };
    };

    it('tells admins when an invite is made and when it is used, with the new agent', async () => {
      const created = nextEvent<InviteUpdatedEvent>(admin.socket, 'invite:updated');
      const { invite: made, token } = await invite();
      expect(await created).toEqual({ id: made.id, status: 'pending' });

      const used = nextEvent<InviteUpdatedEvent>(admin.socket, 'invite:updated');
      const joined = nextEvent<AgentDTO>(admin.socket, 'agent:updated', (a) => a.email === made.email);
      const colleagueHears = nextEvent<AgentDTO>(
        agent.socket,
        'agent:updated',
        (a) => a.email === made.email,
      );
      const res = await post('/api/auth/invite/accept', { token, password: 'a long new password' });
      expect(res.status).toBe(201);
      expect(await used).toEqual({ id: made.id, status: 'used' });
      expect(await joined).toMatchObject({ name: 'Nia', role: 'agent', disabled: false });
      // Colleagues can transfer to the newcomer at once.
      expect((await colleagueHears).email).toBe(made.email);
    });

    it('tells admins when an invite is revoked', async () => {
      const { invite: made } = await invite();
      const revoked = nextEvent<InviteUpdatedEvent>(
        admin.socket,
        'invite:updated',
        (e) => e.status === 'revoked',
      );
      const res = await fetch(`${server.url}/api/console/invites/${made.id}`, {
        method: 'DELETE',
        headers: { cookie: admin.cookie },
      });
      expect(res.status).toBe(204);
      expect(await revoked).toEqual({ id: made.id, status: 'revoked' });
    });

    it('says nothing of invites to agents who are not admins', async () => {
      // By now invites were made, used and revoked; a round trip on the agent's socket lets anything queued arrive.
      await request(agent.socket, 'inbox:list', {});
      expect(heardByAgent).toEqual([]);
    });

    it('sends nothing when a revoke or an accept fails', async () => {
      const heard: InviteUpdatedEvent[] = [];
      const listen = (e: InviteUpdatedEvent) => heard.push(e);
      admin.socket.on('invite:updated', listen);
      const gone = await fetch(`${server.url}/api/console/invites/no-such-invite`, {
        method: 'DELETE',
        headers: { cookie: admin.cookie },
      });
      expect(gone.status).toBe(404);
      const forged = await post('/api/auth/invite/accept', {
        token: 'x'.repeat(43),
        password: 'a long new password',
      });
      expect(forged.status).toBe(404);
      await request(admin.socket, 'inbox:list', {});
      admin.socket.off('invite:updated', listen);
      expect(heard).toEqual([]);
    });
  });
}
