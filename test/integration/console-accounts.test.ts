import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, randomIds } from '../../server/lib/ids.ts';
import type { InviteCreatedResponse } from '../../server/protocol/accounts.ts';
import { PROTOCOL_VERSION } from '../../server/protocol/version.ts';
import { databaseTargets } from '../support/database.ts';
import { connected, startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2)}@example.com`;

for (const { name, target } of databaseTargets()) {
  describe(`invites and passwords on ${name}`, () => {
    let server: Server;
    let admin: Awaited<ReturnType<Server['agent']>>;
    let agent: Awaited<ReturnType<Server['agent']>>;
    let editor: Awaited<ReturnType<Server['agent']>>;

    beforeAll(async () => {
      server = await startTestServer({ database: target() });
      admin = await server.agent('Alma', 'admin');
      agent = await server.agent('Ben', 'agent');
      editor = await server.agent('Eve', 'editor');
    });
    afterAll(async () => {
      await server?.close();
    });

    const call = (method: string, path: string, cookie: string, body?: unknown, headers = {}) =>
      fetch(`${server.url}${path}`, {
        method,
        headers: {
          cookie,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
    const invite = async (email = unique('new'), role = 'agent') => {
      const res = await call('POST', '/api/console/invites', admin.cookie, {
        email,
        name: 'New Person',
        role,
      });
      expect(res.status).toBe(201);
      const body = (await res.json()) as InviteCreatedResponse;
      const token = body.url.split('#invite=')[1] ?? '';
      return { ...body, token, email };
    };
    const lookup = (token: string) => call('POST', '/api/auth/invite', '', { token });
    const accept = (token: string, password = 'a long new password') =>
      call('POST', '/api/auth/invite/accept', '', { token, password });
    const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    describe('invite links', () => {
      it('lets the invited person choose a password and signs them in with the invited role', async () => {
        const { invite: made, url, token, email } = await invite(undefined, 'editor');
        expect(url).toMatch(new RegExp(`^${server.url}/console#invite=[A-Za-z0-9_-]{43}$`));
        expect(made).toMatchObject({ email, name: 'New Person', role: 'editor', createdBy: 'Alma' });
        const days = (Date.parse(made.expiresAt) - Date.parse(made.createdAt)) / 86_400_000;
        expect(days).toBe(7);

        // Only the hash is stored.
        const row = await server.store.invites.byId(made.id);
        expect(row?.tokenHash).toBe(hashToken(token));
        expect(JSON.stringify(row)).not.toContain(token);

        const pending = await (await call('GET', '/api/console/invites', admin.cookie)).json();
        expect(pending.invites.map((i: { id: string }) => i.id)).toContain(made.id);

        const seen = await (await lookup(token)).json();
        expect(seen).toEqual({
          status: 'pending',
          invite: { email, name: 'New Person', role: 'editor', expiresAt: made.expiresAt },
        });

        const res = await accept(token);
        expect(res.status).toBe(201);
        expect((await res.json()).agent).toMatchObject({ email, role: 'editor', name: 'New Person' });
        const me = await call('GET', '/api/auth/me', cookieOf(res));
        expect(me.status).toBe(200);
        expect(await server.signIn(email, 'a long new password')).toMatch(/parley_session=/);

        const after = await (await call('GET', '/api/console/invites', admin.cookie)).json();
        expect(after.invites.map((i: { id: string }) => i.id)).not.toContain(made.id);
      });

      it('works once: a used link says so and makes no second account', async () => {
        const { token } = await invite();
        expect((await accept(token)).status).toBe(201);
        const again = await accept(token, 'another long password');
        expect(again.status).toBe(409);
        expect((await again.json()).error.message).toMatch(/already been used/);
        expect(await (await lookup(token)).json()).toEqual({ status: 'used' });
      });

      it('lets exactly one of two simultaneous acceptances win', async () => {
        const { token, email } = await invite();
        const results = await Promise.all([accept(token), accept(token), accept(token)]);
        expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
        expect((await server.services.agents.list()).filter((a) => a.email === email)).toHaveLength(1);
      });

      it('can be revoked by an admin, after which the link says it was withdrawn', async () => {
        const { invite: made, token } = await invite();
        expect((await call('DELETE', `/api/console/invites/${made.id}`, admin.cookie)).status).toBe(204);
        expect(await (await lookup(token)).json()).toEqual({ status: 'revoked' });
        const res = await accept(token);
        expect(res.status).toBe(409);
        expect((await res.json()).error.message).toMatch(/withdrawn/);
        expect((await call('DELETE', `/api/console/invites/${made.id}`, admin.cookie)).status).toBe(404);
      });

      it('stops working after it expires', async () => {
        const token = randomIds.token();
        const email = unique('late');
        await server.store.invites.create({
          id: randomIds.id(),
          tokenHash: hashToken(token),
          email,
          name: 'Late',
          role: 'agent',
          maxChats: null,
          createdBy: admin.row.id,
          createdAt: new Date(Date.now() - 8 * 86_400_000).toISOString(),
          expiresAt: new Date(Date.now() - 86_400_000).toISOString(),
          acceptedAt: null,
          revokedAt: null,
        });
        expect(await (await lookup(token)).json()).toEqual({ status: 'expired' });
        const res = await accept(token);
        expect(res.status).toBe(409);
        expect((await res.json()).error.message).toMatch(/expired/);
        const pending = await (await call('GET', '/api/console/invites', admin.cookie)).json();
        expect(pending.invites.map((i: { email: string }) => i.email)).not.toContain(email);
      });

      it('replaces an earlier pending invite for the same email, and refuses an existing agent', async () => {
        const email = unique('twice');
        const first = await invite(email);
        const second = await invite(email);
        expect(await (await lookup(first.token)).json()).toEqual({ status: 'revoked' });
        expect((await (await lookup(second.token)).json()).status).toBe('pending');
        const taken = await call('POST', '/api/console/invites', admin.cookie, {
          email: agent.email.toUpperCase(),
          name: 'Ben again',
          role: 'agent',
        });
        expect(taken.status).toBe(409);
      });

      it('answers an unknown link with a clear not-found, and malformed ones with validation errors', async () => {
        const unknown = await lookup(randomIds.token());
        expect(unknown.status).toBe(404);
        expect((await unknown.json()).error.message).toMatch(/not valid/);
        expect((await accept(randomIds.token())).status).toBe(404);
        for (const token of ['short', `${'a'.repeat(43)}<script>`, 'x'.repeat(5000), 42, null]) {
          expect((await lookup(token as string)).status).toBe(400);
        }
        expect(
          (await call('POST', '/api/auth/invite', '', { token: randomIds.token(), extra: 1 })).status,
        ).toBe(400);
        expect((await call('POST', '/api/auth/invite', '', '{"token":')).status).toBe(400);
        expect((await call('POST', '/api/auth/invite', '', { token: 'y'.repeat(20_000) })).status).toBe(413);
      });

      it('holds the new password to the same rules as everywhere', async () => {
        const { token } = await invite();
        for (const password of ['short', ' '.repeat(12), 'p'.repeat(201)]) {
          const res = await accept(token, password);
          expect(res.status).toBe(400);
          expect((await res.json()).error.issues[0].path).toBe('password');
        }
        expect((await lookup(token)).status).toBe(200);
        expect((await (await lookup(token)).json()).status).toBe('pending');
      });

      it('is managed by admins only; a visitor token opens nothing', async () => {
        const body = { email: unique('x'), name: 'X', role: 'agent' };
        expect((await call('GET', '/api/console/invites', agent.cookie)).status).toBe(403);
        expect((await call('POST', '/api/console/invites', editor.cookie, body)).status).toBe(403);
        expect((await call('POST', '/api/console/invites', '', body)).status).toBe(401);
        const { invite: made } = await invite();
        expect((await call('DELETE', `/api/console/invites/${made.id}`, agent.cookie)).status).toBe(403);
        const { token } = await server.newVisitor();
        for (const cookie of [`parley_session=${token}`, '']) {
          const res = await call('GET', '/api/console/invites', cookie, undefined, {
            authorization: `Bearer ${token}`,
          });
          expect(res.status).toBe(401);
        }
        expect((await call('POST', '/api/console/password', `parley_session=${token}`, {})).status).toBe(401);
      });

      it('rejects hostile invite input with every issue listed', async () => {
        const res = await call('POST', '/api/console/invites', admin.cookie, {
          email: '<img src=x onerror=alert(1)>',
          name: '',
          role: 'root',
          maxChats: 1000,
          isAdmin: true,
        });
        expect(res.status).toBe(400);
        expect((await res.json()).error.issues.length).toBeGreaterThanOrEqual(4);
      });

      it('refuses an acceptance posted from another site', async () => {
        const { token } = await invite();
        const res = await call(
          'POST',
          '/api/auth/invite/accept',
          '',
          { token, password: 'a long new password' },
          { origin: 'http://shop.test' },
        );
        expect(res.status).toBe(403);
        expect((await (await lookup(token)).json()).status).toBe('pending');
      });
    });

    describe('changing one’s own password', () => {
      it('needs the current password, keeps this session and ends the others', async () => {
        const me = await server.agent('Pat', 'agent');
        const elsewhere = await server.signIn(me.email, 'correct horse battery');
        const other = connect(`${server.url}/agent`, {
          auth: { protocol: PROTOCOL_VERSION },
          extraHeaders: { cookie: elsewhere },
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
        });
        await connected(other);
        const dropped = new Promise<string>((r) => other.once('disconnect', (reason) => r(reason)));
        let thisDropped = false;
        me.socket.once('disconnect', () => {
          thisDropped = true;
        });

        const wrong = await call('POST', '/api/console/password', me.cookie, {
          currentPassword: 'not my password',
          newPassword: 'my brand new password',
        });
        expect(wrong.status).toBe(403);
        expect((await wrong.json()).error.message).toBe('The current password is not right');

        const weak = await call('POST', '/api/console/password', me.cookie, {
          currentPassword: 'correct horse battery',
          newPassword: 'short',
        });
        expect(weak.status).toBe(400);

        const ok = await call('POST', '/api/console/password', me.cookie, {
          currentPassword: 'correct horse battery',
          newPassword: 'my brand new password',
        });
        expect(ok.status).toBe(204);
        expect(await dropped).toBe('io server disconnect');
        expect((await call('GET', '/api/auth/me', elsewhere)).status).toBe(401);
        expect((await call('GET', '/api/auth/me', me.cookie)).status).toBe(200);
        expect(me.socket.connected).toBe(true);
        expect(thisDropped).toBe(false);
        await expect(server.signIn(me.email, 'correct horse battery')).rejects.toThrow(/401/);
        expect(await server.signIn(me.email, 'my brand new password')).toMatch(/parley_session=/);
        other.disconnect();
      });

      it('is open to every role, and slows down someone guessing the current password', async () => {
        const ed = await server.agent('Ed', 'editor');
        const res = await call('POST', '/api/console/password', ed.cookie, {
          currentPassword: 'correct horse battery',
          newPassword: 'editors choose too',
        });
        expect(res.status).toBe(204);
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) {
          statuses.push(
            (
              await call('POST', '/api/console/password', ed.cookie, {
                currentPassword: `guess number ${i}`,
                newPassword: 'whatever long enough',
              })
            ).status,
          );
        }
        expect(statuses.slice(0, 5)).toEqual([403, 403, 403, 403, 429]);
        expect(statuses[5]).toBe(429);
      });

      it('rejects malformed input', async () => {
        for (const body of [{}, { currentPassword: 'x' }, { currentPassword: 1, newPassword: 2 }, '[]']) {
          expect((await call('POST', '/api/console/password', agent.cookie, body)).status).toBe(400);
        }
        expect(
          (
            await call('POST', '/api/console/password', agent.cookie, {
              currentPassword: 'correct horse battery',
              newPassword: 'long enough password',
              agentId: admin.row.id,
            })
          ).status,
        ).toBe(400);
      });
    });
  });
}
