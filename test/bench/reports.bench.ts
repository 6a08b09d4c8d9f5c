/**
 * `npm run bench:reports`: seeds 100,000 conversations and 1,000,000 messages (plus their event log,
 * ratings, searches and 50,000 self-service sessions) in a scratch SQLite file, or a scratch PostgreSQL
 * database when DATABASE_URL is set, by fast bulk insert; builds the roll-up; then times the 90-day summary
 * (p50/p95 of 40 runs), every other figure the Reports screen loads, a drill-down page, and an incremental
 * roll-up pass after 200 new changes. It measures
 * and prints; it never fails on a number. Target: p95 <= 300 ms for each. BENCH_CONVERSATIONS scales it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { rangeOf } from '../../server/domain/reports/range.ts';
import { Reports } from '../../server/domain/reports/reports.ts';
import { type DatabaseTarget, openDatabase } from '../../server/storage/connect.ts';
import { createReportsStore } from '../../server/storage/reports-store.ts';
import { rng } from './support/scaled-corpus.ts';

const N = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const PER = 10;
const DAYS = 90;
const out = (line = '') => process.stdout.write(`${line}\n`);
const ms = (n: number) => `${n.toFixed(1)} ms`;

const END = Date.parse('2026-11-30T00:00:00.000Z');
const START = END - DAYS * 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

type Row = Record<string, string | number | null>;

/** Every row of the seed, table by table, in chunks (generated lazily, so memory stays small). */
function* seed(): Generator<[table: string, rows: Row[]]> {
  const rnd = rng(42);
  const agents = Array.from({ length: 20 }, (_, i) => `agent-${i}`);
  yield [
    'agents',
    agents.map((id, i) => ({
      id,
      email: `${id}@example.com`,
      name: `Agent ${i}`,
      role: i === 0 ? 'admin' : 'agent',
      password_hash: 'x',
      status: 'offline',
      max_chats: 5,
      disabled: 0,
      must_change_password: 0,
      created_at: iso(START),
    })),
  ];
  yield [
    'visitors',
    [
      {
        id: 'v',
        token_hash: 'h',
        context: '{}',
        pages: '[]',
        verified: 0,
        created_at: iso(START),
        last_seen_at: iso(START),
      },
    ],
  ];
  const CHUNK = 2000;
  for (let base = 0; base < N; base += CHUNK) {
    const conversations: Row[] = [];
    const messages: Row[] = [];
    const events: Row[] = [];
    for (let i = base; i < Math.min(N, base + CHUNK); i++) {
      const id = `c${i}`;
      const created = START + Math.floor(rnd() * (END - START - 7_200_000));
      const agent = agents[Math.floor(rnd() * agents.length)] ?? 'agent-0';
      const answered = rnd() < 0.93;
      const closed = rnd() < 0.9;
      const rated = closed && answered && rnd() < 0.4;
      let t = created;
      for (let s = 1; s <= PER; s++) {
        const author =
          s === 1
            ? 'visitor'
            : s === 2
              ? 'note'
              : s === 3
                ? 'system'
                : !answered || s % 2
                  ? 'visitor'
                  : 'agent';
        messages.push({
          id: `${id}-${s}`,
          conversation_id: id,
          seq: s,
          client_id: null,
          author,
          author_id: author === 'visitor' ? 'v' : agent,
          author_name: null,
          text: `message ${s}`,
          system_event: null,
          created_at: iso(t),
        });
        t += Math.floor(5_000 + rnd() * 300_000);
      }
      events.push({
        conversation_id: id,
        kind: 'created',
        agent_id: null,
        data: '{}',
        created_at: iso(created),
      });
      events.push({
        conversation_id: id,
        kind: 'assigned',
        agent_id: agent,
        data: '{}',
        created_at: iso(created + 30_000),
      });
      if (closed)
        events.push({ conversation_id: id, kind: 'closed', agent_id: agent, data: '{}', created_at: iso(t) });
      if (closed && rnd() < 0.05)
        events.push({
          conversation_id: id,
          kind: 'reopened',
          agent_id: null,
          data: '{}',
          created_at: iso(t + 60_000),
        });
      const rating = rated ? 1 + Math.floor(rnd() * 5) : null;
      if (rated)
        events.push({
          conversation_id: id,
          kind: 'rated',
          agent_id: agent,
          data: '{}',
          created_at: iso(t + 120_000),
        });
      conversations.push({
        id,
        visitor_id: 'v',
        status: closed ? 'closed' : 'assigned',
        agent_id: agent,
        last_seq: PER,
        preview: '',
        trail: '[]',
        visitor_read_seq: 0,
        agent_read_seq: 0,
        visitor_delivered_seq: 0,
        agent_delivered_seq: 0,
        rating,
        rating_comment: rated && rnd() < 0.3 ? 'Thanks' : null,
        waiting_since: null,
        last_message_at: iso(t),
        closed_at: closed ? iso(t) : null,
        created_at: iso(created),
        updated_at: iso(t + 120_000),
      });
    }
    yield ['conversations', conversations];
    yield ['messages', messages];
    yield ['conversation_events', events];
  }
  const events: Row[] = [];
  const sessions: Row[] = [];
  const searches: Row[] = [];
  for (let s = 0; s < 50_000; s++) {
    const at = START + Math.floor(rnd() * (END - START));
    const q = `query ${Math.floor(rnd() * 500)}`;
    const asked = rnd() < 0.2;
    const ev = (kind: string, t: number, slug: string | null = null) =>
      events.push({
        session_id: `s${s}`,
        kind,
        slug,
        query: kind === 'ask' ? null : q,
        helpful: null,
        conversation_id: null,
        created_at: iso(t),
      });
    ev('search', at);
    ev('view', at + 5000, `article-${s % 300}`);
    if (asked) ev('ask', at + 60_000);
    sessions.push({
      session_id: `s${s}`,
      first_at: iso(at),
      searched: 1,
      viewed: 1,
      voted_helpful: 0,
      asked: asked ? 1 : 0,
      chatted: 0,
      views: 1,
      helpful_votes: 0,
      conversation_id: null,
    });
    searches.push({
      query: q,
      result_count: rnd() < 0.1 ? 0 : 3,
      visitor_id: null,
      created_at: iso(at),
      escalated: 0,
    });
    if (events.length >= 2000) yield ['report_events', events.splice(0)];
    if (sessions.length >= 2000) yield ['report_sessions', sessions.splice(0)];
    if (searches.length >= 2000) yield ['search_events', searches.splice(0)];
  }
  yield ['report_events', events];
  yield ['report_sessions', sessions];
  yield ['search_events', searches];
}

async function scratch(): Promise<{ target: DatabaseTarget; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  // BENCH_DB=file: an SQLite file kept between runs (seeded once).
  if (!url && process.env.BENCH_DB)
    return { target: { kind: 'sqlite', file: process.env.BENCH_DB }, drop: async () => {} };
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bench-reports-'));
    return {
      target: { kind: 'sqlite', file: join(dir, 'parley.sqlite') },
      drop: async () => rmSync(dir, { recursive: true }),
    };
  }
  const name = `parley_bench_reports_${process.pid}`;
  const admin = await openDatabase({ kind: 'postgres', url });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: u.toString() },
    drop: async () => {
      await sql`drop database ${sql.id(name)} with (force)`.execute(admin.db);
      await admin.close();
    },
  };
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;

async function main() {
  const { target, drop } = await scratch();
  const handle = await openDatabase(target);
  const db = handle.db;
  out(
    `bench:reports on ${target.kind}: ${N.toLocaleString('en')} conversations, ${(N * PER).toLocaleString('en')} messages over ${DAYS} days (load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  let t0 = performance.now();
  const counts = new Map<string, number>();
  const seeded = await db
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  for (const [table, rows] of Number(seeded?.n) > 0 ? [] : seed()) {
    if (!rows.length) continue;
    // Bulk insert: up to ~30,000 parameters per statement, one transaction per chunk.
    const per = Math.max(1, Math.floor(30_000 / Object.keys(rows[0] ?? {}).length));
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += per)
        await trx
          .insertInto(table as never)
          .values(rows.slice(i, i + per) as never)
          .execute();
    });
    counts.set(table, (counts.get(table) ?? 0) + rows.length);
  }
  out(
    `seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${[...counts].map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}`,
  );
  if (target.kind === 'postgres') await sql`analyze`.execute(db);

  let closing = '18:00';
  const reports = new Reports({
    store: createReportsStore(db),
    timeZone: async () => 'Europe/Berlin',
    businessHours: async () => ({
      timeZone: 'Europe/Berlin',
      open: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: closing })),
    }),
    now: () => END,
  });
  // BENCH_REBUILD=1 with a kept BENCH_DB file: empty the roll-up, so it is built from scratch again.
  if (process.env.BENCH_REBUILD) await db.deleteFrom('report_conversations' as never).execute();
  t0 = performance.now();
  const built = await reports.rollUp.refresh();
  out(
    `roll-up built from scratch: ${built.toLocaleString('en')} conversations in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // 200 conversations change (a reply each), then one incremental pass.
  const later = iso(END + 60_000);
  await sql`update conversations set updated_at = ${later} where id in (${sql.join(Array.from({ length: 200 }, (_, i) => `c${i * 37}`))})`.execute(
    db,
  );
  t0 = performance.now();
  const changed = await reports.rollUp.refresh();
  out(
    `incremental pass after 200 changes: ${changed} conversations rewritten in ${ms(performance.now() - t0)}`,
  );

  const range = rangeOf({ y: 2026, m: 9, d: 1 }, { y: 2026, m: 11, d: 29 }, 'Europe/Berlin');
  const admin = { role: 'admin' as const, agentId: 'agent-0' };
  const time = async (label: string, fn: () => Promise<unknown>, runs = 40) => {
    await fn();
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      const c = process.cpuUsage();
      await fn();
      const used = process.cpuUsage(c);
      times.push(performance.now() - s);
      cpu.push((used.user + used.system) / 1000);
    }
    // CPU time is this process's own work (SQLite runs in it); on PostgreSQL the server's work is not in it.
    out(
      `${label}: p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))} wall; CPU p50 ${ms(pct(cpu, 50))}, p95 ${ms(pct(cpu, 95))} (${runs} runs)`,
    );
  };
  const s = await reports.summary(range, admin);
  out(
    `90-day summary (${range.from}..${range.to}, Europe/Berlin): started ${s.conversations?.started}, first response median ${s.firstResponse?.medianSeconds} s, closed ${s.resolution?.closed}, CSAT ${s.csat?.average}, sessions ${s.selfService.sessions}`,
  );
  await time('90-day summary', () => reports.summary(range, admin));
  await time(
    '90-day summary, first response in business hours too',
    () => reports.summary(range, admin, { businessHours: true }),
    20,
  );
  // The hours change: the first read counts every answered conversation again, later ones read what it stored.
  closing = '17:30';
  t0 = performance.now();
  await reports.summary(range, admin, { businessHours: true });
  out(`business hours changed: first read ${ms(performance.now() - t0)} (counted at read time)`);
  t0 = performance.now();
  await reports.settled();
  out(`  recounted figures stored in ${ms(performance.now() - t0)} after that read`);
  await time(
    '  then the business-hours summary',
    () => reports.summary(range, admin, { businessHours: true }),
    20,
  );
  // Everything else the Reports screen loads for the period, and a drill-down page.
  await time('90-day day series', () => reports.series(range), 20);
  await time('90-day heatmap', () => reports.heatmap(range), 20);
  await time('90-day per agent', () => reports.agents(range, admin), 20);
  await time('90-day CSAT', () => reports.csat(range, admin), 20);
  await time('90-day funnel', () => reports.funnel(range), 20);
  await time('90-day articles', () => reports.articles(range), 20);
  await time('90-day top searches', () => reports.topSearches(range), 20);
  await time('90-day drill-down, missed, first page', () =>
    reports.conversations(range, { metric: 'missed', page: 1, limit: 50 }),
  );
  out(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  await handle.close();
  await drop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
