import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AgentConversationDTO,
  AgentDTO,
  MessageDTO,
  VisitorConversationDTO,
} from '../../server/protocol/dto.ts';
import { connected, nextEvent, request, startTestServer } from '../support/server.ts';

const databaseUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

// Two nodes need a shared database and Redis: CI provides both (DATABASE_URL, REDIS_URL); vite.config.ts
// leaves this file out without them.
if (databaseUrl && redisUrl) {
  describe('two nodes on one PostgreSQL and one Redis', () => {
    const clients: Array<ReturnType<typeof createClient>> = [];
    let a: Awaited<ReturnType<typeof startTestServer>>;
    let b: Awaited<ReturnType<typeof startTestServer>>;

    async function adapter() {
      const pub = createClient({ url: redisUrl });
      const sub = pub.duplicate();
      await Promise.all([pub.connect(), sub.connect()]);
      clients.push(pub, sub);
      return createAdapter(pub, sub);
    }

    beforeAll(async () => {
      const database = { kind: 'postgres' as const, url: databaseUrl };
      [a, b] = await Promise.all([
        startTestServer({ database, app: { adapter: await adapter() } }),
        startTestServer({ database, app: { adapter: await adapter() } }),
      ]);
    });
    afterAll(async () => {
      await Promise.all([a?.close(), b?.close()]);
      await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
    });

    it('delivers messages both ways between a visitor on node A and an agent on node B', async () => {
      const { socket: agent } = await b.agent('Remote');
      const visitor = a.visitorSocket((await a.newVisitor()).token);
      await connected(visitor);
      const created = nextEvent<AgentConversationDTO>(agent, 'conversation:created');
      const started = await request(visitor, 'conversation:start', {
        clientId: 'multi-node-start',
        text: 'Hello from node A',
      });
      if (!started.ok) throw new Error(started.error.message);
      const conversationId = started.data.conversation.id;
      expect((await created).id).toBe(conversationId);

      const toVisitor = nextEvent<MessageDTO>(
        visitor,
        'message:created',
        (m) => m.text === 'Hello from node B',
      );
      await request(agent, 'conversation:claim', { conversationId });
      await request(agent, 'message:send', {
        conversationId,
        clientId: 'multi-node-reply',
        text: 'Hello from node B',
      });
      expect((await toVisitor).author).toBe('agent');

      const toAgent = nextEvent<MessageDTO>(agent, 'message:created', (m) => m.text === 'Second from A');
      await request(visitor, 'message:send', {
        conversationId,
        clientId: 'multi-node-second',
        text: 'Second from A',
      });
      expect((await toAgent).conversationId).toBe(conversationId);
    });

    it('recounts presence across nodes: an agent left "online" by a crashed node goes offline, connected ones stay online', async () => {
      const c = await startTestServer({
        database: { kind: 'postgres', url: databaseUrl },
        app: { adapter: await adapter(), presenceSweepMs: 200 },
      });
      try {
        const { socket: watcher, row: present } = await a.agent('Present');
        // What a node killed mid-shift leaves behind: "online" in storage, no console anywhere.
        const ghost = await c.services.agents.create({
          email: `ghost-${Date.now()}@example.com`,
          name: 'Ghost',
          role: 'agent',
          password: 'correct horse battery',
        });
        await c.services.agents.setStatus(ghost.id, 'online');
        const update = await nextEvent<AgentDTO>(watcher, 'agent:updated', (x) => x.id === ghost.id);
        expect(update.status).toBe('offline');
        // And the other way: "offline" in storage while a console is open on another node.
        await c.services.agents.setStatus(present.id, 'offline');
        const back = await nextEvent<AgentDTO>(watcher, 'agent:updated', (x) => x.id === present.id);
        expect(back.status).toBe('online');
        // Several sweeps later the agent whose console is on another node is still online.
        await new Promise((r) => setTimeout(r, 600));
        expect((await c.store.agents.byId(present.id))?.status).toBe('online');
        expect((await c.store.agents.byId(ghost.id))?.status).toBe('offline');
      } finally {
        await c.close();
      }
    });

    it("shows a visitor on node A their message as delivered once an agent's console on node B has it", async () => {
      const { socket: agent } = await b.agent('Courier');
      const visitor = a.visitorSocket((await a.newVisitor()).token);
      await connected(visitor);
      const arrived = nextEvent<MessageDTO>(agent, 'message:created', (m) => m.text === 'Delivered across?');
      const started = await request(visitor, 'conversation:start', {
        clientId: 'multi-node-delivered',
        text: 'Delivered across?',
      });
      if (!started.ok) throw new Error(started.error.message);
      const message = await arrived;
      const delivered = nextEvent<VisitorConversationDTO>(
        visitor,
        'conversation:updated',
        (c) => c.agentDeliveredSeq >= message.seq,
      );
      await request(agent, 'message:delivered', { conversationId: message.conversationId, seq: message.seq });
      expect((await delivered).agentDeliveredSeq).toBe(message.seq);
    });

    it('lets exactly one of two agents on two nodes win a claim race, and tells the other', async () => {
      const [{ socket: onA }, { socket: onB }] = await Promise.all([a.agent('Racer A'), b.agent('Racer B')]);
      const visitor = a.visitorSocket((await a.newVisitor()).token);
      await connected(visitor);
      const started = await request(visitor, 'conversation:start', {
        clientId: 'claim-race-start',
        text: 'Who takes me?',
      });
      if (!started.ok) throw new Error(started.error.message);
      const conversationId = started.data.conversation.id;
      const results = await Promise.all([
        request(onA, 'conversation:claim', { conversationId }),
        request(onB, 'conversation:claim', { conversationId }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const loser = results.find((r) => !r.ok);
      expect(loser && !loser.ok && loser.error.code).toBe('already_claimed');
    });

    it("tells an admin's console on node B that an invite was used on node A", async () => {
      const admin = await b.agent('Alma', 'admin');
      const made = await fetch(`${b.url}/api/console/invites`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ email: `multi-${Date.now()}@example.com`, name: 'Nia', role: 'agent' }),
      });
      const { invite, url } = (await made.json()) as { invite: { id: string; email: string }; url: string };
      const used = nextEvent<{ id: string; status: string }>(
        admin.socket,
        'invite:updated',
        (e) => e.id === invite.id,
      );
      const joined = nextEvent<AgentDTO>(admin.socket, 'agent:updated', (x) => x.email === invite.email);
      const accepted = await fetch(`${a.url}/api/auth/invite/accept`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: url.split('#invite=')[1], password: 'a long new password' }),
      });
      expect(accepted.status).toBe(201);
      expect(await used).toEqual({ id: invite.id, status: 'used' });
      expect((await joined).name).toBe('Nia');
    });
  });
}
