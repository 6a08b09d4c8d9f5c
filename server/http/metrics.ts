import type { Request, RequestHandler } from 'express';
import { Router } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Namespace, Server } from 'socket.io';
import { DomainError } from '../domain/errors.ts';
import { ErrorCode } from '../protocol/errors.ts';
import type { Services } from '../services.ts';
import { queryCount } from '../storage/query-count.ts';
import type { HealthSources } from './health.ts';

/** Seconds: from a few milliseconds (an ack on one node) to the 10 s a client waits at most. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * What an operator scrapes from `GET /metrics` (Prometheus text format): connections, messages, command acks
 * with their latency, the queue, search latency and empty answers, the database and Redis, and Node's own
 * figures (event-loop delay, heap, GC). Counters are this node's; a cluster sums them across nodes.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly commands = new Histogram({
    name: 'parley_command_duration_seconds',
    help: 'Socket commands from receipt to acknowledgement, by namespace, command and outcome',
    labelNames: ['namespace', 'command', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly messages = new Counter({
    name: 'parley_messages_stored_total',
    help: 'Messages stored (and so acknowledged or announced) on this node, by author',
    labelNames: ['author'] as const,
    registers: [this.registry],
  });
  private readonly searches = new Histogram({
    name: 'parley_search_duration_seconds',
    help: 'Knowledge-base searches over HTTP, from request to response',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly emptySearches = new Counter({
    name: 'parley_search_empty_total',
    help: 'Knowledge-base searches that answered no article',
    registers: [this.registry],
  });

  constructor(sources: { io: Server; services: Services; health: HealthSources }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'parley_' });
    const { io, services, health } = sources;
    new Gauge({
      name: 'parley_connected_sockets',
      help: 'Sockets connected to this node, by namespace (visitor, agent)',
      labelNames: ['namespace'] as const,
      registers: [this.registry],
      collect() {
        this.set({ namespace: 'visitor' }, io.of('/visitor').sockets.size);
        this.set({ namespace: 'agent' }, io.of('/agent').sockets.size);
      },
    });
    const queue = new Gauge({
      name: 'parley_queue_waiting',
      help: 'Conversations waiting for an agent (the whole workspace)',
      registers: [this.registry],
    });
    const longest = new Gauge({
      name: 'parley_queue_longest_wait_seconds',
      help: 'How long the longest-waiting visitor has waited (0 when nobody waits)',
      registers: [this.registry],
    });
    const database = new Gauge({
      name: 'parley_database_up',
      help: '1 while the database answers and can write; 0 while it is unreachable or its disk is full',
      registers: [this.registry],
    });
    followTotal(
      this.registry,
      'parley_database_queries_total',
      'Queries this node sent to its database (round trips)',
      () => queryCount.total,
    );
    followTotal(
      this.registry,
      'parley_database_transaction_statements_total',
      'BEGIN, COMMIT and ROLLBACK this node sent to its database (round trips beside the queries)',
      () => queryCount.transactionControl,
    );
    const redis = new Gauge({
      name: 'parley_redis_up',
      help: '1 while Redis is reachable, 0 while it is not; absent on one node without REDIS_URL',
      registers: [this.registry],
    });
    this.refresh = async () => {
      const state = await health.database().catch(() => 'down' as const);
      database.set(state === 'up' ? 1 : 0);
      const r = health.redis?.() ?? 'off';
      if (r !== 'off') redis.set(r === 'up' ? 1 : 0);
      if (state !== 'up') return;
      const waiting = await services.reads.waiting().catch(() => undefined);
      if (waiting) {
        queue.set(waiting.length);
        const oldest = Math.min(
          ...waiting.map((c) => Date.parse(c.waitingSince ?? '') || Number.POSITIVE_INFINITY),
        );
        longest.set(
          Number.isFinite(oldest) ? Math.max(0, (services.clock.now().getTime() - oldest) / 1000) : 0,
        );
      }
    };
    services.events.on('message.created', ({ message }) => this.messages.inc({ author: message.author }));
    this.instrument(io.of('/visitor'), 'visitor');
    this.instrument(io.of('/agent'), 'agent');
  }

  /** Reads what a scrape reports from the database and Redis. */
  readonly refresh: () => Promise<void>;

  /** Times every command that carries an acknowledgement, from its arrival to its ack, outcome by the ack. */
  private instrument(ns: Namespace, namespace: string): void {
    ns.on('connection', (socket) => {
      socket.use((packet, next) => {
        const ack = packet[packet.length - 1];
        if (typeof ack === 'function') {
          const command = String(packet[0]);
          const end = this.commands.startTimer({ namespace, command });
          packet[packet.length - 1] = (result: unknown) => {
            const ok =
              typeof result === 'object' && result !== null && (result as { ok?: unknown }).ok === true;
            end({ outcome: ok ? 'ok' : 'error' });
            ack(result);
          };
        }
        next();
      });
    });
  }

  /** Times `/api/kb/search` and counts its empty answers. */
  searchTimer(): RequestHandler {
    return (_req, res, next) => {
      const end = this.searches.startTimer();
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        end();
        const results = (body as { results?: unknown[] } | undefined)?.results;
        if (Array.isArray(results) && results.length === 0) this.emptySearches.inc();
        return json(body);
      };
      next();
    };
  }
}

/** A scrape is let in with the bearer token (METRICS_TOKEN), or without one only straight from this machine. */
function mayScrape(req: Request, token: string | undefined): boolean {
  if (token) return req.get('authorization') === `Bearer ${token}`;
  const from = req.socket.remoteAddress ?? '';
  const direct = req.get('x-forwarded-for') === undefined && req.get('forwarded') === undefined;
  return direct && (from === '127.0.0.1' || from === '::1' || from === '::ffff:127.0.0.1');
}

/** `GET /metrics` in the Prometheus text format. */
export function createMetricsRouter(metrics: Metrics, token: string | undefined): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    // Unseen from elsewhere: the figures name no one, but they are nobody else's business either.
    if (!mayScrape(req, token)) throw new DomainError(ErrorCode.notFound, 'Not found');
    // One read per scrape for the figures that need the database; a failing read leaves the last value.
    await metrics.refresh();
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await metrics.registry.metrics());
  });
  return router;
}

/** A counter that follows a running total kept elsewhere: each scrape adds what it grew by since the last. */
function followTotal(registry: Registry, name: string, help: string, total: () => number): void {
  let seen = 0;
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const now = total();
      this.inc(now - seen);
      seen = now;
    },
  });
}
