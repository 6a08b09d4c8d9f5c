import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { randomIds } from '../../server/lib/ids.ts';
import { type DatabaseTarget, openDatabase } from '../../server/storage/connect.ts';
import { createReportsStore } from '../../server/storage/reports-store.ts';
import type { Database } from '../../server/storage/schema.ts';
import { startTestServer } from '../support/server.ts';

/** A scratch database of its own (reports count everything in it): an SQLite file, or a new PG database. */
export async function scratchDatabase(kind: 'sqlite' | 'postgres') {
  if (kind === 'sqlite') {
    const target: DatabaseTarget = {
      kind,
      file: join(mkdtempSync(join(tmpdir(), 'parley-reports-')), 'parley.sqlite'),
    };
    return { target, drop: async () => {} };
  }
  const name = `parley_reports_${randomIds.id()}`.toLowerCase().replace(/[^a-z0-9_]/g, '');
  const admin = await openDatabase({ kind, url: process.env.DATABASE_URL ?? '' });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  const url = new URL(process.env.DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { kind, url: url.toString() };
  return {
    target,
    drop: async () => {
      await sql`drop database ${sql.id(name)} with (force)`.execute(admin.db);
      await admin.close();
    },
  };
}

/**
 * The hand-worked fixture in a scratch database of `kind`, served by a real server, with an admin's cookie;
 * `close` stops the server and drops the database.
 */
export async function fixtureServer(kind: 'sqlite' | 'postgres') {
  const scratch = await scratchDatabase(kind);
  const seed = await openDatabase(scratch.target);
  await seedFixture(seed.db);
  await seed.close();
  const server = await startTestServer({ database: scratch.target });
  const admin = (await server.agent('Root', 'admin')).cookie;
  return {
    server,
    admin,
    close: async () => {
      await server.close();
      await scratch.drop();
    },
  };
}

type Msg = [author: 'visitor' | 'agent' | 'note' | 'system', at: string, authorId?: string];
type Ev = [kind: string, at: string, agentId?: string | null, data?: object];

/**
 * The hand-worked fixture (workspace zone Europe/Berlin, which moves to summer time at 01:00 UTC on
 * 2026-03-29). The report range 2026-03-28..2026-03-29 is [2026-03-27T23:00Z, 2026-03-29T22:00Z).
 */
export async function seedFixture(db: Kysely<Database>) {
  const at0 = '2026-03-01T00:00:00.000Z';
  for (const [id, name] of [
    ['a1', 'Ana'],
    ['a2', 'Ben'],
  ] as const)
    await db
      .insertInto('agents')
      .values({
        id,
        email: `${id}@example.com`,
        name,
        role: 'agent',
        password_hash: 'x',
        status: 'offline',
        max_chats: 5,
        disabled: 0,
        must_change_password: 0,
        created_at: at0,
      })
      .execute();
  await db
    .insertInto('visitors')
    .values({
      id: 'v1',
      token_hash: 'h1',
      context: '{}',
      pages: '[]',
      verified: 0,
      created_at: at0,
      last_seen_at: at0,
    })
    .execute();

  const conversation = async (
    id: string,
    c: { created: string; status: string; agent: string | null; rating?: number; comment?: string },
    messages: Msg[],
    events: Ev[],
  ) => {
    const last =
      [...messages.map((m) => m[1]), ...events.map((e) => e[1]), c.created].sort().at(-1) ?? c.created;
    await db
      .insertInto('conversations')
      .values({
        id,
        visitor_id: 'v1',
        status: c.status,
        agent_id: c.agent,
        last_seq: messages.length,
        preview: '',
        trail: '[]',
        visitor_read_seq: 0,
        agent_read_seq: 0,
        visitor_delivered_seq: 0,
        agent_delivered_seq: 0,
        rating: c.rating ?? null,
        rating_comment: c.comment ?? null,
        waiting_since: c.status === 'waiting' ? c.created : null,
        last_message_at: last,
        closed_at: c.status === 'closed' ? last : null,
        created_at: c.created,
        updated_at: last,
      })
      .execute();
    let seq = 0;
    for (const [author, at, authorId] of messages) {
      seq += 1;
      await db
        .insertInto('messages')
        .values({
          id: `${id}-m${seq}`,
          conversation_id: id,
          seq,
          client_id: null,
          author,
          author_id: authorId ?? (author === 'visitor' ? 'v1' : null),
          author_name: null,
          text: `${author} ${seq}`,
          system_event: null,
          created_at: at,
        })
        .execute();
    }
    for (const [kind, at, agentId, data] of events)
      await db
        .insertInto('conversation_events')
        .values({
          conversation_id: id,
          kind,
          agent_id: agentId ?? null,
          data: JSON.stringify(data ?? {}),
          created_at: at,
        })
        .execute();
  };

  // c1: Saturday 10:00 local. An internal note comes before the first public reply (120 s), rated 5.
  await conversation(
    'c1',
    { created: '2026-03-28T09:00:00.000Z', status: 'closed', agent: 'a1', rating: 5, comment: 'Great help' },
    [
      ['visitor', '2026-03-28T09:00:00.000Z'],
      ['note', '2026-03-28T09:00:30.000Z', 'a1'],
      ['system', '2026-03-28T09:01:00.000Z', 'a1'],
      ['agent', '2026-03-28T09:02:00.000Z', 'a1'],
    ],
    [
      ['created', '2026-03-28T09:00:00.000Z'],
      ['assigned', '2026-03-28T09:01:00.000Z', 'a1'],
      ['closed', '2026-03-28T09:10:00.000Z', 'a1'],
      ['rated', '2026-03-28T09:11:00.000Z', 'a1', { rating: 5 }],
    ],
  );
  // c2: starts 23:50 Saturday, answered 00:05 Sunday (across midnight); closed, reopened, closed; unrated.
  await conversation(
    'c2',
    { created: '2026-03-28T22:50:00.000Z', status: 'closed', agent: 'a2' },
    [
      ['visitor', '2026-03-28T22:50:00.000Z'],
      ['agent', '2026-03-28T23:05:00.000Z', 'a2'],
      ['visitor', '2026-03-29T00:30:00.000Z'],
      ['agent', '2026-03-29T00:35:00.000Z', 'a2'],
    ],
    [
      ['created', '2026-03-28T22:50:00.000Z'],
      ['transferred', '2026-03-28T22:52:00.000Z', 'a1', { to: null }],
      ['transferred', '2026-03-28T22:55:00.000Z', 'a1', { to: 'a2' }],
      ['closed', '2026-03-29T00:20:00.000Z', 'a2'],
      ['reopened', '2026-03-29T00:30:00.000Z', null],
      ['assigned', '2026-03-29T00:31:00.000Z', 'a2'],
      ['closed', '2026-03-29T00:40:00.000Z', 'a2'],
    ],
  );
  // c3: 01:30 local, before the clocks go forward; answered 03:30 local summer time: 3600 s, not 7200.
  await conversation(
    'c3',
    { created: '2026-03-29T00:30:00.000Z', status: 'closed', agent: 'a1', rating: 3 },
    [
      ['visitor', '2026-03-29T00:30:00.000Z'],
      ['agent', '2026-03-29T01:30:00.000Z', 'a1'],
    ],
    [
      ['created', '2026-03-29T00:30:00.000Z'],
      ['assigned', '2026-03-29T01:00:00.000Z', 'a1'],
      ['closed', '2026-03-29T02:00:00.000Z', 'a1'],
      ['rated', '2026-03-29T02:05:00.000Z', 'a1', { rating: 3 }],
    ],
  );
  // c4: an offline message nobody answered; the visitor closed it: missed.
  await conversation(
    'c4',
    { created: '2026-03-29T10:00:00.000Z', status: 'closed', agent: null },
    [['visitor', '2026-03-29T10:00:00.000Z']],
    [
      ['created', '2026-03-29T10:00:00.000Z'],
      ['closed', '2026-03-29T10:30:00.000Z', null, { by: 'visitor' }],
    ],
  );
  await sql`insert into report_conversations (conversation_id, created_at, offline, reopened, missed)
    values ('c4', '2026-03-29T10:00:00.000Z', 1, 0, 0)`.execute(db);
  // c5: 23:30 local on the 27th, closed 23:40 that day: before the range.
  await conversation(
    'c5',
    { created: '2026-03-27T22:30:00.000Z', status: 'closed', agent: 'a1', rating: 1 },
    [
      ['visitor', '2026-03-27T22:30:00.000Z'],
      ['agent', '2026-03-27T22:31:00.000Z', 'a1'],
    ],
    [
      ['created', '2026-03-27T22:30:00.000Z'],
      ['assigned', '2026-03-27T22:30:30.000Z', 'a1'],
      ['closed', '2026-03-27T22:40:00.000Z', 'a1'],
      ['rated', '2026-03-27T22:45:00.000Z', 'a1', { rating: 1 }],
    ],
  );
  // c6: 23:59 summer time on the 29th, still waiting: in the range, not missed. c7: 00:00 on the 30th.
  await conversation(
    'c6',
    { created: '2026-03-29T21:59:00.000Z', status: 'waiting', agent: null },
    [['visitor', '2026-03-29T21:59:00.000Z']],
    [['created', '2026-03-29T21:59:00.000Z']],
  );
  await conversation(
    'c7',
    { created: '2026-03-29T22:00:00.000Z', status: 'waiting', agent: null },
    [['visitor', '2026-03-29T22:00:00.000Z']],
    [['created', '2026-03-29T22:00:00.000Z']],
  );

  // Self-service sessions: s1 deflected (searched, read, voted helpful); s2 and s3 asked for a person and
  // chatted (c2 unrated, c1 rated); s4 is before the range.
  const reports = createReportsStore(db);
  const ev = (session: string, kind: string, at: string, e: Record<string, string | number> = {}) =>
    reports.addSessionEvents([
      {
        session_id: session,
        kind,
        slug: (e.slug as string) ?? null,
        query: (e.query as string) ?? null,
        helpful: (e.helpful as number) ?? null,
        conversation_id: (e.conversationId as string) ?? null,
        created_at: at,
      },
    ]);
  await ev('s1', 'search', '2026-03-28T08:00:00.000Z', { query: 'refund' });
  await ev('s1', 'view', '2026-03-28T08:00:10.000Z', { slug: 'returns', query: 'refund' });
  await ev('s1', 'vote', '2026-03-28T08:01:00.000Z', { slug: 'returns', helpful: 1 });
  await ev('s2', 'search', '2026-03-28T22:40:00.000Z', { query: 'billing' });
  await ev('s2', 'view', '2026-03-28T22:41:00.000Z', { slug: 'billing', query: 'billing' });
  await ev('s2', 'ask', '2026-03-28T22:49:00.000Z');
  await ev('s2', 'chat', '2026-03-28T22:50:00.000Z', { conversationId: 'c2' });
  await ev('s3', 'view', '2026-03-28T08:55:00.000Z', { slug: 'returns' });
  await ev('s3', 'ask', '2026-03-28T08:59:00.000Z');
  await ev('s3', 'chat', '2026-03-28T09:00:00.000Z', { conversationId: 'c1' });
  await ev('s4', 'search', '2026-03-27T12:00:00.000Z', { query: 'old' });
  for (const [query, results, at] of [
    ['refund', 3, '2026-03-28T08:00:00.000Z'],
    ['refund', 3, '2026-03-29T08:00:00.000Z'],
    ['billing', 2, '2026-03-28T22:40:00.000Z'],
    ['gift wrap', 0, '2026-03-29T09:00:00.000Z'],
    ['old', 0, '2026-03-27T12:00:00.000Z'],
  ] as const)
    await db
      .insertInto('search_events')
      .values({ query, result_count: results, visitor_id: null, created_at: at, escalated: 0 })
      .execute();
  await db
    .insertInto('kb_feedback')
    .values({
      slug: 'returns',
      helpful: 1,
      query: 'refund',
      visitor_id: null,
      created_at: '2026-03-28T08:01:00.000Z',
    })
    .execute();
  await db
    .insertInto('kb_feedback')
    .values({
      slug: 'returns',
      helpful: 0,
      query: null,
      visitor_id: null,
      created_at: '2026-03-29T08:01:00.000Z',
    })
    .execute();
}
