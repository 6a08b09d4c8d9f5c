import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connected, nextEvent, request, startTestServer } from '../support/server.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('the console HTTP API', () => {
  let server: Server;
  let admin: Awaited<ReturnType<Server['agent']>>;
  let agent: Awaited<ReturnType<Server['agent']>>;
  let editor: Awaited<ReturnType<Server['agent']>>;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.agent('Alma', 'admin');
    agent = await server.agent('Ben', 'agent');
    editor = await server.agent('Eve', 'editor');
  });
  afterAll(async () => {
    await server.close();
  });

  const call = (method: string, path: string, cookie: string, body?: unknown) =>
    fetch(`${server.url}/api/console${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });

  async function startConversation(name: string, text: string) {
    const { token } = await server.newVisitor();
    const v = server.visitorSocket(token);
    await connected(v);
    const ack = await request(v, 'conversation:start', {
      clientId: `start-${Math.random().toString(36).slice(2)}`,
      text,
      name,
      email: `${name.toLowerCase()}@shop.test`,
    });
    if (!ack.ok) throw new Error(ack.error.message);
    return { socket: v, id: ack.data.conversation.id };
  }

  describe('saved replies', () => {
    it('lets an agent create, list, edit and delete one', async () => {
      const created = await call('POST', '/saved-replies', agent.cookie, {
        shortcut: 'Refund',
        title: 'Refund timing',
        text: 'Refunds reach your card in 5-10 working days.',
      });
      expect(created.status).toBe(201);
      const { savedReply } = await created.json();
      expect(savedReply).toMatchObject({ shortcut: 'refund', title: 'Refund timing' });

      const list = await (await call('GET', '/saved-replies', admin.cookie)).json();
      expect(list.savedReplies.map((r: { shortcut: string }) => r.shortcut)).toContain('refund');

      const edited = await call('PATCH', `/saved-replies/${savedReply.id}`, agent.cookie, {
        title: 'Refunds',
      });
      expect(edited.status).toBe(200);
      expect((await edited.json()).savedReply.title).toBe('Refunds');

      expect((await call('DELETE', `/saved-replies/${savedReply.id}`, agent.cookie)).status).toBe(204);
      expect((await call('DELETE', `/saved-replies/${savedReply.id}`, agent.cookie)).status).toBe(404);
    });

    it('refuses a shortcut that is taken', async () => {
      const body = { shortcut: 'hello', title: 'Hello', text: 'Hi there!' };
      expect((await call('POST', '/saved-replies', agent.cookie, body)).status).toBe(201);
      const again = await call('POST', '/saved-replies', admin.cookie, body);
      expect(again.status).toBe(409);
      expect((await again.json()).error.code).toBe('conflict');
    });

    it('lets only the author or an admin change a saved reply', async () => {
      const other = await server.agent('Cy', 'agent');
      const { savedReply } = await (
        await call('POST', '/saved-replies', agent.cookie, { shortcut: 'mine', title: 'Mine', text: 'Text' })
      ).json();
      expect(
        (await call('PATCH', `/saved-replies/${savedReply.id}`, other.cookie, { title: 'x' })).status,
      ).toBe(403);
      expect(
        (await call('PATCH', `/saved-replies/${savedReply.id}`, admin.cookie, { title: 'Ok' })).status,
      ).toBe(200);
    });

    it('rejects hostile and oversized input with every issue listed', async () => {
      const res = await call('POST', '/saved-replies', agent.cookie, {
        shortcut: '../etc <script>',
        title: '',
        text: 'x'.repeat(4001),
        extra: true,
      });
      expect(res.status).toBe(400);
      const { error } = await res.json();
      expect(error.code).toBe('validation_failed');
      expect(error.issues.length).toBeGreaterThanOrEqual(3);
      const huge = await call('POST', '/saved-replies', agent.cookie, {
        shortcut: 'a',
        title: 'a',
        text: 'y'.repeat(40_000),
      });
      expect(huge.status).toBe(413);
      const notJson = await call('POST', '/saved-replies', agent.cookie, '{"shortcut":');
      expect(notJson.status).toBe(400);
    });

    it('is closed to editors and to strangers', async () => {
      expect((await call('GET', '/saved-replies', editor.cookie)).status).toBe(403);
      expect((await call('GET', '/saved-replies', '')).status).toBe(401);
    });
  });

  describe('conversation search', () => {
    it('finds conversations by visitor name, email and message text, wildcards taken literally', async () => {
      const a = await startConversation('Grace', 'My parcel 100% never arrived');
      const b = await startConversation('Linus', 'How do I change my address?');
      const ids = async (q: string) =>
        (
          (await (await call('GET', `/conversations?q=${encodeURIComponent(q)}`, agent.cookie)).json()) as {
            conversations: Array<{ id: string }>;
          }
        ).conversations.map((c) => c.id);
      expect(await ids('grace')).toEqual([a.id]);
      expect(await ids('LINUS@shop')).toEqual([b.id]);
      expect(await ids('parcel')).toEqual([a.id]);
      expect(await ids('100%')).toEqual([a.id]);
      expect(await ids('%%')).toEqual([]);
      expect(await ids('__')).toEqual([]);
    });

    it('filters by status and validates the query', async () => {
      const c = await startConversation('Closy', 'Close me please');
      await request(agent.socket, 'conversation:close', { conversationId: c.id });
      const closed = await (await call('GET', '/conversations?q=closy&status=closed', agent.cookie)).json();
      expect(closed.conversations.map((x: { id: string }) => x.id)).toEqual([c.id]);
      expect((await call('GET', '/conversations?q=closy&status=open', agent.cookie)).status).toBe(400);
      expect((await call('GET', `/conversations?q=${'x'.repeat(101)}`, agent.cookie)).status).toBe(400);
      expect((await call('GET', '/conversations?q=closy', editor.cookie)).status).toBe(403);
    });
  });

  describe('preferences', () => {
    it('keeps notification settings per agent', async () => {
      const initial = await (await call('GET', '/preferences', agent.cookie)).json();
      expect(initial.preferences.soundNewMessage).toBe(true);
      const prefs = {
        soundNewConversation: false,
        soundNewMessage: true,
        desktopNewConversation: true,
        desktopNewMessage: false,
      };
      expect((await call('PUT', '/preferences', agent.cookie, prefs)).status).toBe(200);
      // A console that does not know the email choices yet leaves them off.
      expect((await (await call('GET', '/preferences', agent.cookie)).json()).preferences).toEqual({
        ...prefs,
        emailOfflineMessage: false,
        emailLongWait: false,
      });
      expect(
        (await (await call('GET', '/preferences', admin.cookie)).json()).preferences.soundNewConversation,
      ).toBe(true);
      expect((await call('PUT', '/preferences', agent.cookie, { soundNewMessage: 'yes' })).status).toBe(400);
    });
  });

  describe('agent administration', () => {
    it('creates an agent with a one-time password that signs in', async () => {
      const res = await call('POST', '/agents', admin.cookie, {
        email: 'New.Person@Example.com',
        name: 'New Person',
        role: 'agent',
      });
      expect(res.status).toBe(201);
      const { agent: created, password } = await res.json();
      expect(created).toMatchObject({ email: 'new.person@example.com', role: 'agent', disabled: false });
      expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(await server.signIn('new.person@example.com', password)).toMatch(/parley_session=/);
      expect(
        (
          await call('POST', '/agents', admin.cookie, {
            email: 'new.person@example.com',
            name: 'x',
            role: 'agent',
          })
        ).status,
      ).toBe(409);
    });

    it('is for admins only', async () => {
      expect((await call('GET', '/agents', agent.cookie)).status).toBe(403);
      expect(
        (await call('POST', '/agents', editor.cookie, { email: 'a@b.co', name: 'A', role: 'admin' })).status,
      ).toBe(403);
      expect((await call('PATCH', `/agents/${admin.row.id}`, agent.cookie, { disabled: true })).status).toBe(
        403,
      );
      const settings = await fetch(`${server.url}/api/admin/settings`, {
        method: 'PUT',
        headers: { cookie: agent.cookie, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(settings.status).toBe(403);
    });

    it('rejects bad input', async () => {
      const res = await call('POST', '/agents', admin.cookie, {
        email: 'not-an-email',
        name: '',
        role: 'root',
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.issues).toHaveLength(3);
      expect(
        (await call('PATCH', `/agents/${agent.row.id}`, admin.cookie, { passwordHash: 'x' })).status,
      ).toBe(400);
      expect((await call('PATCH', '/agents/nobody', admin.cookie, { disabled: true })).status).toBe(404);
    });

    it('changes a role', async () => {
      const other = await server.agent('Role', 'agent');
      const res = await call('PATCH', `/agents/${other.row.id}`, admin.cookie, {
        role: 'editor',
        maxChats: 3,
      });
      expect(res.status).toBe(200);
      expect((await res.json()).agent).toMatchObject({ role: 'editor', maxChats: 3 });
    });

    it('will not let an admin lock themselves out', async () => {
      const res = await call('PATCH', `/agents/${admin.row.id}`, admin.cookie, { disabled: true });
      expect(res.status).toBe(409);
      expect((await call('PATCH', `/agents/${admin.row.id}`, admin.cookie, { role: 'agent' })).status).toBe(
        409,
      );
    });

    it('locks a disabled agent out at once: socket dropped, sign-in refused, conversations back in the queue', async () => {
      const victim = await server.agent('Dana', 'agent');
      const c = await startConversation('Waiting', 'Help me');
      const claimed = await request(victim.socket, 'conversation:claim', { conversationId: c.id });
      expect(claimed.ok).toBe(true);

      const dropped = new Promise<string>((r) => victim.socket.once('disconnect', (reason) => r(reason)));
      const requeued = nextEvent<{ id: string; status: string }>(
        agent.socket,
        'conversation:updated',
        (x) => x.id === c.id && x.status === 'waiting',
      );
      const disabledSeen = nextEvent<{ id: string; disabled: boolean }>(
        agent.socket,
        'agent:updated',
        (a) => a.id === victim.row.id && a.disabled,
      );
      const res = await call('PATCH', `/agents/${victim.row.id}`, admin.cookie, { disabled: true });
      expect(res.status).toBe(200);
      expect(await dropped).toBe('io server disconnect');
      await requeued;
      await disabledSeen;

      await expect(server.signIn(victim.email, 'correct horse battery')).rejects.toThrow(/401/);
      const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: victim.cookie } });
      expect(me.status).toBe(401);
    });

    it('resets a password: old sessions end, the new password works', async () => {
      const target = await server.agent('Reset', 'agent');
      const res = await call('POST', `/agents/${target.row.id}/password`, admin.cookie);
      expect(res.status).toBe(200);
      const { password } = await res.json();
      expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie: target.cookie } })).status).toBe(
        401,
      );
      expect(await server.signIn(target.email, password)).toMatch(/parley_session=/);
    });
  });

  describe('viewing presence', () => {
    it('tells other agents who has a conversation open', async () => {
      const c = await startConversation('Viewed', 'Anyone there?');
      const seen = nextEvent<{ conversationId: string; agents: Array<{ name: string }> }>(
        admin.socket,
        'conversation:viewers',
        (e) => e.conversationId === c.id && e.agents.length === 1,
      );
      const ack = await request(agent.socket, 'conversation:view', {
        conversationId: c.id,
      });
      expect(ack.ok && ack.data.agents.map((a) => a.id)).toEqual([agent.row.id]);
      expect((await seen).agents[0]?.name).toBe('Ben');
      const left = nextEvent<{ conversationId: string; agents: unknown[] }>(
        admin.socket,
        'conversation:viewers',
        (e) => e.conversationId === c.id && e.agents.length === 0,
      );
      await request(agent.socket, 'conversation:view', { conversationId: null });
      await left;
    });
  });
});
