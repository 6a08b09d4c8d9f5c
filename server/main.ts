import { resolve } from 'node:path';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { createApp } from './app.ts';
import { composeOptionsFrom, composeServices } from './compose.ts';
import { ConfigError, loadConfig } from './config.ts';
import { configuredMailer } from './domain/follow-up/mailer.ts';
import { createLogger } from './lib/logger.ts';

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
  const logger = createLogger(config.logLevel);
  const log = logger.child({ module: 'main' });

  const composed = await composeServices(composeOptionsFrom(config, logger)).catch((err: unknown) => {
    log.fatal(
      { err },
      config.databaseUrl
        ? 'cannot open the database at DATABASE_URL'
        : `cannot open the SQLite database under DATA_DIR (${config.dataDir})`,
    );
    process.exit(1);
  });
  const { services } = composed;

  if (await services.agents.bootstrapAdmin(config.adminEmail, config.adminPassword)) {
    log.info({ admin: config.adminEmail }, 'created the first admin from PARLEY_ADMIN_EMAIL');
  } else if ((await services.store.agents.count()) === 0) {
    log.warn(
      'no agent account exists yet: set PARLEY_ADMIN_EMAIL and PARLEY_ADMIN_PASSWORD and restart, ' +
        'or run `npm run parley -- agent:add --email you@example.com --name "Your Name" --role admin`',
    );
  }

  let redis: { pub: ReturnType<typeof createClient>; sub: ReturnType<typeof createClient> } | undefined;
  if (config.redisUrl) {
    const pub = createClient({ url: config.redisUrl });
    const sub = pub.duplicate();
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
    assetsDir: resolve(import.meta.dirname, '..', 'dist', 'public'),
    allowedOrigins: config.allowedOrigins,
    publicUrl: config.publicUrl,
    ...(redis ? { adapter: createAdapter(redis.pub, redis.sub) } : {}),
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

void main();
