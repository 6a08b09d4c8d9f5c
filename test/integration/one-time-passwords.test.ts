import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentDTO } from '../../server/protocol/dto.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import { databaseTargets } from '../support/database.ts';
import { connected, nextEvent, startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2)}@example.com`;
const NEW_PASSWORD = 'my own long password';

for (const { name, target } of databaseTargets()) {
  describe(`one-time passwords on ${name}`, () => {
    let server: Server;
    let admin: Awaited<ReturnType<Server['agent']>>;

    beforeAll(async () => {
      server = await startTestServer({ database: target() });
      admin = await server.agent('Alma', 'admin');
    });
    afterAll(async () => {
      await server?.close();
    });
    const restart = async () => {
      await server.close();
      const fresh = await startTestServer({ database: target() });
      admin = await fresh.agent('Alma', 'admin');
      return fresh;
    };

    const call = (method: string, path: string, cookie: string, body?: unknown) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
    const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
    /** An admin adds a person with a one-time password; the person signs in with it. */
    const personWithOneTimePassword = async (role = 'agent') => {
      const email = unique('otp');
      const res = await call('POST', '/api/console/agents', admin.cookie, { email, name: 'Otto', role });
      expect(res.status).toBe(201);
      const { agent, password } = (await res.json()) as { agent: { id: string }; password: string };
      return { id: agent.id, email, password, cookie: await server.signIn(email, password) };
    };
    const agentSocket = (cookie: string) =>
      connect(`${server.url}/agent`, {
        auth: { protocol: PROTOCOL_VERSION },
        extraHeaders: { cookie },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
    const refusal = (cookie: string) =>
      new Promise<string | undefined>((resolve) => {
        const s = agentSocket(cookie);
        s.once('connect', () => {
          s.disconnect();
          resolve('connected');
        });
        s.once('connect_error', (err) => {
          s.disconnect();
          resolve((err as Error & { data?: { code?: string } }).data?.code);
        });
      });

    it('says at sign-in that the password must be changed, and the admin sees it in the team list', async () => {
      const p = await personWithOneTimePassword();
      const me = await (await call('GET', '/api/auth/me', p.cookie)).json();
      expect(me.agent).toMatchObject({ email: p.email, mustChangePassword: true });
      const team = await (await call('GET', '/api/console/agents', admin.cookie)).json();
      expect(team.agents.find((a: { id: string }) => a.id === p.id)).toMatchObject({
        mustChangePassword: true,
      });
      // Someone who chose their own password carries no such mark.
      expect(team.agents.find((a: { id: string }) => a.id === admin.row.id)).not.toHaveProperty(
        'mustChangePassword',
      );
    });

    it('refuses every other console API and the agent socket until a password is chosen', async () => {
      const p = await personWithOneTimePassword('admin');
      const refused = [
        ['GET', '/api/console/saved-replies'],
        ['GET', '/api/console/preferences'],
        ['GET', '/api/console/agents'],
        ['GET', '/api/console/invites'],
        ['GET', '/api/console/conversations?q=ab'],
        ['GET', '/api/admin/settings'],
        ['GET', '/api/admin/content-gaps'],
      ] as const;
      for (const [method, path] of refused) {
        const res = await call(method, path, p.cookie);
        expect(res.status, path).toBe(403);
        expect(await errorOf(res), path).toBe('password_change_required');
      }
      // Not even the ordinary password change, which would skip this screen with the one-time password.
      const change = await call('POST', '/api/console/password', p.cookie, {
        currentPassword: p.password,
        newPassword: NEW_PASSWORD,
      });
      expect(await errorOf(change)).toBe('password_change_required');
      expect(await refusal(p.cookie)).toBe('password_change_required');
      // Signing out still works.
      expect((await call('POST', '/api/auth/logout', p.cookie)).status).toBe(204);
      expect((await call('GET', '/api/auth/me', p.cookie)).status).toBe(401);
    });

    it('opens the console once the person chooses their own password, and only that password works', async () => {
      const p = await personWithOneTimePassword();
      const otherBrowser = await server.signIn(p.email, p.password);
      // Admins' open Agents screens learn that the person now has a password of their own.
      const heard = nextEvent<AgentDTO>(admin.socket, 'agent:updated', (a) => a.id === p.id);
      const res = await call('POST', '/api/console/password/choose', p.cookie, { newPassword: NEW_PASSWORD });
      expect(res.status).toBe(200);
      const { agent } = await res.json();
      expect(agent).toMatchObject({ id: p.id, email: p.email });
      expect(agent).not.toHaveProperty('mustChangePassword');
      expect(await heard).not.toHaveProperty('mustChangePassword');

      // This browser carries on: the console's APIs and its socket answer.
      expect((await call('GET', '/api/console/saved-replies', p.cookie)).status).toBe(200);
      expect(await refusal(p.cookie)).toBe('connected');
      // The other browser that held the one-time password is signed out.
      expect((await call('GET', '/api/auth/me', otherBrowser)).status).toBe(401);
      await expect(server.signIn(p.email, p.password)).rejects.toThrow(/401/);
      const again = await server.signIn(p.email, NEW_PASSWORD);
      expect((await (await call('GET', '/api/auth/me', again)).json()).agent).not.toHaveProperty(
        'mustChangePassword',
      );
      // Done once: a second call would let a stolen session change the password without the current one.
      const twice = await call('POST', '/api/console/password/choose', p.cookie, {
        newPassword: 'yet another password',
      });
      expect(twice.status).toBe(409);
    });

    it('asks for a different password than the one-time one, by the same rule as everywhere', async () => {
      const p = await personWithOneTimePassword();
      const same = await call('POST', '/api/console/password/choose', p.cookie, { newPassword: p.password });
      expect(same.status).toBe(409);
      expect((await same.json()).error.message).toMatch(/other than the one-time password/);
      const short = await call('POST', '/api/console/password/choose', p.cookie, { newPassword: 'short' });
      expect(short.status).toBe(400);
      expect((await short.json()).error.message).toMatch(/at least 10 characters/);
      const spaces = await call('POST', '/api/console/password/choose', p.cookie, {
        newPassword: ' '.repeat(12),
      });
      expect(await errorOf(spaces)).toBe('validation_failed');
      // Still locked until a good one is chosen.
      expect(await errorOf(await call('GET', '/api/console/saved-replies', p.cookie))).toBe(
        'password_change_required',
      );
    });

    it('rejects malformed, oversize, hostile and unauthorised requests to choose a password', async () => {
      const p = await personWithOneTimePassword();
      const choose = (body: unknown, cookie = p.cookie) =>
        call('POST', '/api/console/password/choose', cookie, body);
      expect((await choose('{"newPassword":')).status).toBe(400);
      expect(await errorOf(await choose({ newPassword: NEW_PASSWORD, role: 'admin' }))).toBe(
        'validation_failed',
      );
      expect(await errorOf(await choose({ newPassword: 12345678901 }))).toBe('validation_failed');
      expect(await errorOf(await choose([NEW_PASSWORD]))).toBe('validation_failed');
      expect(await errorOf(await choose({ newPassword: 'x'.repeat(201) }))).toBe('validation_failed');
      expect((await choose({ newPassword: 'x'.repeat(2_000_000) })).status).toBe(413);
      expect((await choose({ newPassword: NEW_PASSWORD }, '')).status).toBe(401);
      expect((await choose({ newPassword: NEW_PASSWORD }, 'parley_session=forged')).status).toBe(401);
      // A visitor's token is no agent session, whichever way it is sent.
      const visitor = await server.newVisitor();
      expect((await choose({ newPassword: NEW_PASSWORD }, `parley_session=${visitor.token}`)).status).toBe(
        401,
      );
      const bearer = await fetch(`${server.url}/api/console/password/choose`, {
        method: 'POST',
        headers: { authorization: `Bearer ${visitor.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ newPassword: NEW_PASSWORD }),
      });
      expect(bearer.status).toBe(401);
      // Nothing of that changed the one-time password.
      expect(await errorOf(await call('GET', '/api/console/saved-replies', p.cookie))).toBe(
        'password_change_required',
      );
    });

    it('leaves agents who chose their own password alone', async () => {
      // A server of its own: sign-ins are rate-limited per address.
      server = await restart();
      const ben = await server.agent('Ben', 'agent');
      expect((await (await call('GET', '/api/auth/me', ben.cookie)).json()).agent).not.toHaveProperty(
        'mustChangePassword',
      );
      expect((await call('GET', '/api/console/saved-replies', ben.cookie)).status).toBe(200);
      const res = await call('POST', '/api/console/password/choose', ben.cookie, {
        newPassword: NEW_PASSWORD,
      });
      expect(res.status).toBe(409);
      expect(ben.socket.connected).toBe(true);
    });

    it('asks again after an admin resets the password', async () => {
      const ben = await server.agent('Ben', 'agent');
      const res = await call('POST', `/api/console/agents/${ben.row.id}/password`, admin.cookie);
      const { password, agent } = await res.json();
      expect(agent).toMatchObject({ mustChangePassword: true });
      const cookie = await server.signIn(ben.email, password);
      expect(await errorOf(await call('GET', '/api/console/saved-replies', cookie))).toBe(
        'password_change_required',
      );
      expect(await refusal(cookie)).toBe('password_change_required');
      expect(
        (await call('POST', '/api/console/password/choose', cookie, { newPassword: NEW_PASSWORD })).status,
      ).toBe(200);
      const s = agentSocket(cookie);
      await connected(s);
      s.disconnect();
    });

    it('slows down someone who keeps trying, as the ordinary password change does', async () => {
      const p = await personWithOneTimePassword();
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        codes.push(
          (await call('POST', '/api/console/password/choose', p.cookie, { newPassword: p.password })).status,
        );
      }
      expect(codes).toEqual([409, 409, 409, 409, 409, 429]);
    });
  });
}
