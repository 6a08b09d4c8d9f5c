import { join } from 'node:path';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { createApp } from './app.ts';
import { composeOptionsFrom, composeServices } from './compose.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { DomainError } from './domain/errors.ts';
import { configuredMailer } from './domain/follow-up/mailer.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { projectRoot } from './lib/paths.ts';
import { prettyDestination } from './lib/pretty-log.ts';
import { storageFault } from './storage/faults.ts';
import { attachmentOptionsFrom } from './storage/files/from-config.ts';

/** Process entry: config -> dependencies -> listen -> graceful shutdown. */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`parley: ${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  // A person at a terminal reads lines; anything else (a pipe, a log collector) gets JSON, one object a line.
  const logger = createLogger(
    config.logLevel,
    process.stdout.isTTY ? prettyDestination(process.stdout) : undefined,
  );
  const log = logger.child({ module: 'main' });

  const composed = await openWithRetry(config, logger);
  const { services } = composed;

  let redis: { pub: ReturnType<typeof createClient>; sub: ReturnType<typeof createClient> } | undefined;
  if (config.redisUrl) {
    const pub = createClient({ url: config.redisUrl });
    const sub = pub.duplicate();
    watchRedis([pub, sub], logger.child({ module: 'redis' }));
    await Promise.all([pub.connect(), sub.connect()]).catch((err: unknown) => {
      log.fatal({ err }, 'cannot connect to Redis at REDIS_URL');
      process.exit(1);
    });
    redis = { pub, sub };
  }

  const mailer = configuredMailer(config, logger);
  log.info(`email (follow-ups to visitors who left, invite links) goes to the ${mailer.describe}`);

  const app = createApp({
    mailer,
    services,
    logger,
    assetsDir: join(projectRoot(), 'dist', 'public'),
    allowedOrigins: config.allowedOrigins,
    publicUrl: config.publicUrl,
    metricsToken: config.metricsToken,
    attachments: attachmentOptionsFrom(config, logger),
    retentionDays: config.retentionDays,
    ...(redis ? { adapter: createAdapter(redis.pub, redis.sub) } : {}),
    health: {
      database: composed.database.probe,
      redis: () => (!redis ? 'off' : redis.pub.isReady && redis.sub.isReady ? 'up' : 'down'),
    },
  });

  app.http.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE')
      log.fatal(`port ${config.port} is already in use: stop the other server or set PORT`);
    else log.fatal({ err }, 'cannot listen');
    process.exit(1);
  });
  app.http.listen(config.port, config.host, () => {
    const address = app.http.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const base = config.publicUrl ?? `http://localhost:${port}`;
    log.info(
      {
        port,
        kbDir: config.kbDir,
        database: config.databaseUrl ? 'postgres' : 'sqlite',
        nodes: redis ? 'redis' : 'single',
      },
      `Parley is listening: demo ${base}/demo, console ${base}/console`,
    );
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    void (async () => {
      await app.close();
      await Promise.all([redis?.pub.quit(), redis?.sub.quit()]).catch(() => undefined);
      await composed.close();
      log.info('stopped');
      process.exit(0);
    })();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

type Composed = Awaited<ReturnType<typeof composeServices>>;

/**
 * Opens the database (and creates the first admin), waiting while the database is away: a node started before its
 * database, or during a restart of it, comes up when the database does. Each attempt is logged; other failures
 * (a wrong password, a missing database, an unreadable SQLite file) end the process at once.
 */
async function openWithRetry(config: Config, logger: Logger): Promise<Composed> {
  const log = logger.child({ module: 'main' });
  const where = config.databaseUrl
    ? 'the database at DATABASE_URL'
    : `the SQLite database under DATA_DIR (${config.dataDir})`;
  for (let attempt = 1; ; attempt++) {
    let composed: Composed | undefined;
    try {
      composed = await composeServices(composeOptionsFrom(config, logger));
      composed.database.status.attach(logger);
      if (
        await composed.services.agents.bootstrapAdmin(
          config.adminEmail,
          config.adminPassword,
          config.adminName,
        )
      ) {
        log.info({ admin: config.adminEmail }, 'created the first admin from PARLEY_ADMIN_EMAIL');
      } else if ((await composed.services.agents.count()) === 0) {
        log.warn(
          'no agent account exists yet: set PARLEY_ADMIN_EMAIL and PARLEY_ADMIN_PASSWORD and restart, ' +
            'or run `npm run parley -- agent:add --email you@example.com --name "Your Name" --role admin`',
        );
      }
      return composed;
    } catch (err) {
      await composed?.close().catch(() => undefined);
      const away =
        storageFault(err) !== undefined ||
        (err instanceof DomainError && (err.code === 'unavailable' || err.code === 'storage_full'));
      if (!away) {
        log.fatal({ err }, `cannot open ${where}`);
        process.exit(1);
      }
      const delayMs = Math.min(15_000, 500 * 2 ** (attempt - 1));
      log.warn(
        { err, attempt, retryInSeconds: delayMs / 1000 },
        `cannot reach ${where}; trying again (the node starts when it answers)`,
      );
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}

/** Logs Redis going away (once) and coming back; /readyz reads the clients' own state. */
/** What a Redis command in flight fails with when the link drops (node-redis's own error classes). */
const REDIS_LINK_ERRORS = new Set([
  'SocketClosedUnexpectedlyError',
  'ClientClosedError',
  'ClientOfflineError',
  'ConnectionTimeoutError',
  'DisconnectsClientError',
  'SocketTimeoutError',
]);

const LINK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

function watchRedis(clients: Array<ReturnType<typeof createClient>>, log: Logger): void {
  // The adapter publishes without waiting for the answer: a publish in flight when Redis goes away rejects with
  // nobody to catch it, which would end the process. The outage is logged below; the lost fact is caught up by
  // the clients' resync. Any other unhandled rejection still ends the process, as Node does by default.
  let downSince: number | undefined;
  process.on('unhandledRejection', (err) => {
    if (!(err instanceof Error)) throw err;
    if (REDIS_LINK_ERRORS.has(err.constructor.name)) {
      log.debug({ err }, 'a Redis command was cut off by the outage');
      return;
    }
    // The socket's own error (ECONNRESET...) rejects the commands it was carrying.
    if (LINK_CODES.has(String((err as NodeJS.ErrnoException).code))) {
      if (downSince === undefined) log.warn({ err }, 'a command was cut off by a dropped connection');
      return;
    }
    throw err;
  });
  for (const client of clients) {
    client.on('error', (err: unknown) => {
      if (downSince !== undefined) return;
      downSince = Date.now();
      log.error(
        { err },
        'Redis is unreachable: until it returns, messages and updates reach only the clients on the node that ' +
          'stored them (clients on other nodes catch up when they resync)',
      );
    });
    client.on('ready', () => {
      if (downSince === undefined || !clients.every((c) => c.isReady)) return;
      log.info({ seconds: Math.round((Date.now() - downSince) / 100) / 10 }, 'Redis is back');
      downSince = undefined;
    });
  }
}

void main();
