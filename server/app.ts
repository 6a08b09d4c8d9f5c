import { createServer, type Server as HttpServer } from 'node:http';
import express from 'express';
import { Server, type ServerOptions } from 'socket.io';
import { startAgentEmailAlerts } from './domain/agent-email/agent-email-alerts.ts';
import { emailFileLinks } from './domain/attachments/email-links.ts';
import { startRetention } from './domain/erasure/retention.ts';
import type { Mailer } from './domain/follow-up/mailer.ts';
import { startReports } from './domain/reports/start.ts';
import type { WorkspaceSettings } from './domain/settings.ts';
import { createAdminRouter } from './http/admin-router.ts';
import { type AttachmentOptions, createAttachmentsRouter } from './http/attachments-router.ts';
import { createAuthRouter } from './http/auth-router.ts';
import { createAvatarRouters } from './http/avatar-router.ts';
import { createConsoleRouter } from './http/console-router.ts';
import { requireAllowedOrigin, widgetCors } from './http/cors.ts';
import { errorHandler, notFoundHandler } from './http/errors.ts';
import { createHealthRouter, type HealthSources } from './http/health.ts';
import { createHelpCentreRouter } from './http/help-centre/router.ts';
import { createKbEditorRouter } from './http/kb-editor-router.ts';
import { createKbRouter } from './http/kb-router.ts';
import {
  createLearningRouter,
  createLearningSignalsRouter,
  learnFromFunnel,
} from './http/learning-router.ts';
import { createMetricsRouter, Metrics } from './http/metrics.ts';
import { createPagesRouter } from './http/pages.ts';
import { createReportsRouter, createSessionEventsRouter } from './http/reports-router.ts';
import { securityHeaders } from './http/security-headers.ts';
import { createTranscriptRouters } from './http/transcript-router.ts';
import { createVisitorRouter } from './http/visitor-router.ts';
import { every } from './lib/every.ts';
import type { Logger } from './lib/logger.ts';
import { setUpAgentNamespace } from './realtime/agent-namespace.ts';
import { startBroadcaster } from './realtime/broadcaster.ts';
import { namespacesOf } from './realtime/namespaces.ts';
import { isAllowedOrigin, ownOrigin } from './realtime/origins.ts';
import { rooms } from './realtime/rooms.ts';
import { startSessionSweep } from './realtime/session-sweep.ts';
import { setUpVisitorNamespace } from './realtime/visitor-namespace.ts';
import type { Services } from './services.ts';

const PRESENCE_SWEEP_MS = 15_000;
/** How often expired transcript requests (and the addresses they held) are forgotten. */
const TRANSCRIPT_SWEEP_MS = 3600_000;

export interface AppDeps {
  services: Services;
  logger: Logger;
  /** Built browser assets (dist/public). */
  assetsDir: string;
  allowedOrigins: readonly string[];
  publicUrl?: string | undefined;
  /** Overrides of the stored widget settings (tests). */
  widget?: Partial<WorkspaceSettings['widget']>;
  /** Socket.IO adapter (Redis for many nodes); the in-memory one when absent. */
  adapter?: ServerOptions['adapter'];
  /** Where replies to visitors who left, and invite links, go; no email when absent. */
  mailer?: Mailer;
  followUpDelayMs?: number;
  /** Largest socket payload and HTTP JSON body, in bytes. */
  maxPayloadBytes?: number;
  /**
   * How often agent presence is recounted from the sockets of every node (a crashed node never reports its
   * consoles closing). Default: once at start-up, and every 15 s as well when there is an adapter (many nodes).
   */
  presenceSweepMs?: number;
  /** How often each node disconnects consoles whose session expired (default 30 s). */
  sessionSweepMs?: number;
  /** Erase conversations closed more than this many days ago, with their files (unset: keep them). */
  retentionDays?: number | undefined;
  /** How often the retention pass runs (default: hourly). */
  retentionSweepMs?: number;
  /** What /healthz and /readyz ask (the process's database handle and Redis clients); a store read when absent. */
  health?: HealthSources;
  /** Bearer token for `GET /metrics`; without one, only scrapes made straight from this machine are answered. */
  metricsToken?: string | undefined;
  /** File storage and limits for attachments; no attachment routes when absent. */
  attachments?: AttachmentOptions | undefined;
}

export interface ParleyApp {
  http: HttpServer;
  io: Server;
  /** Stops taking connections, closes sockets, waits for in-flight requests. Does not close the database. */
  close(): Promise<void>;
}

/** Builds the HTTP and Socket.IO server from what it is given. Never reads the environment, never listens. */
export function createApp(deps: AppDeps): ParleyApp {
  const { services, logger, allowedOrigins, publicUrl } = deps;
  const maxPayload = deps.maxPayloadBytes ?? 64 * 1024;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(securityHeaders());

  const http = createServer(app);
  const io = new Server(http, {
    maxHttpBufferSize: maxPayload,
    serveClient: false,
    // The handshake is refused for origins that may not embed the widget (never CORS `*`).
    cors: {
      origin: (origin, cb) =>
        cb(null, origin === undefined || allowedOrigins.includes(origin) ? (origin ?? false) : false),
    },
    allowRequest: (req, cb) => {
      const ok = isAllowedOrigin(req.headers.origin, ownOrigin(req, publicUrl), allowedOrigins);
      cb(ok ? null : 'origin_not_allowed', ok);
    },
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });

  const health: HealthSources = deps.health ?? {
    database: () =>
      services.agents.count().then(
        () => 'up' as const,
        () => 'down' as const,
      ),
  };
  app.use(createHealthRouter(health));
  const metrics = new Metrics({ io, services, health });
  app.use(createMetricsRouter(metrics, deps.metricsToken));

  const cors = widgetCors(allowedOrigins, publicUrl);
  app.use(['/widget.js', '/widget', '/assets'], cors);
  app.use('/api/kb/search', metrics.searchTimer());
  app.use(
    '/api/kb/signals',
    cors,
    requireAllowedOrigin(allowedOrigins, publicUrl),
    express.json({ limit: 4 * 1024 }),
    createLearningSignalsRouter(services),
  );
  app.use(
    '/api/kb',
    cors,
    createKbRouter({ kb: services.kb, logger, learning: services.learning, semantic: services.semantic }),
  );
  app.use(
    '/api/admin/learning',
    requireAllowedOrigin([], publicUrl),
    express.json({ limit: 8 * 1024 }),
    createLearningRouter(services, logger),
  );
  app.get('/api/widget/settings', cors, async (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=60');
    res.json({ ...(await services.settings.get()).widget, ...deps.widget });
  });
  app.use(
    '/api/visitor',
    cors,
    requireAllowedOrigin(allowedOrigins, publicUrl),
    express.json({ limit: maxPayload }),
    createVisitorRouter(services),
  );
  // Emails link to a conversation's files (signed, expiring), never carry them.
  const fileLink =
    deps.attachments && emailFileLinks({ secret: deps.attachments.secret, publicUrl, clock: services.clock });
  // The transcript by email only where mail really leaves (SMTP): an outbox folder would swallow it.
  let stopTranscriptSweep = () => {};
  if (deps.mailer && deps.mailer.delivers !== false) {
    const transcripts = services.transcriptEmail(deps.mailer, fileLink);
    stopTranscriptSweep = every(
      TRANSCRIPT_SWEEP_MS,
      () =>
        transcripts
          .sweep()
          .catch((err: unknown) => logger.warn({ err }, 'transcript requests could not be swept')),
      { immediately: true },
    );
    const routers = createTranscriptRouters({ services, transcripts, publicUrl });
    app.use('/api/visitor/transcript', routers.api);
    app.use('/transcript', routers.pages);
  }
  app.use(
    '/api/auth',
    requireAllowedOrigin([], publicUrl),
    express.json({ limit: 8 * 1024 }),
    createAuthRouter(services, logger, io),
  );
  app.use(
    '/api/admin/kb',
    requireAllowedOrigin([], publicUrl),
    express.json({ limit: 1100 * 1024 }),
    // With many nodes (an adapter), an edit on one tells the others to rebuild.
    createKbEditorRouter(services, logger, deps.adapter ? io : undefined),
  );
  app.use(
    '/api/admin',
    requireAllowedOrigin([], publicUrl),
    express.json({ limit: 32 * 1024 }),
    // With many nodes, a settings change on one is in force on the others at once.
    createAdminRouter(services, logger, deps.adapter ? io : undefined),
  );
  const avatars = createAvatarRouters(services, logger);
  app.use('/api/console/avatar', requireAllowedOrigin([], publicUrl), avatars.own);
  app.use('/api/avatars', avatars.files);
  app.use(
    '/api/console',
    requireAllowedOrigin([], publicUrl),
    express.json({ limit: 32 * 1024 }),
    createConsoleRouter(services, logger, io, publicUrl, deps.mailer),
  );
  app.use(
    '/api/reports/sessions',
    cors,
    requireAllowedOrigin(allowedOrigins, publicUrl),
    express.json({ limit: 16 * 1024 }),
    learnFromFunnel(services, logger),
    createSessionEventsRouter(services.reports, services.budgets.http.reportSessions),
  );
  app.use(
    '/api/reports',
    requireAllowedOrigin([], publicUrl),
    express.json({ limit: 8 * 1024 }),
    createReportsRouter(services, services.reports, logger),
  );
  app.use('/api/attachments', createAttachmentsRouter({ ...deps, options: deps.attachments }));
  app.use(createPagesRouter({ assetsDir: deps.assetsDir, publicUrl }));
  app.use(createHelpCentreRouter({ kb: services.kb, services, publicUrl }));
  app.get('/', (_req, res) => res.redirect('/demo'));
  app.use(notFoundHandler());
  app.use(errorHandler(logger));

  const nsp = namespacesOf(io);
  setUpVisitorNamespace(nsp.visitors, services, logger);
  const presence = setUpAgentNamespace(nsp.agents, services, logger, publicUrl);
  presence.start(deps.presenceSweepMs ?? (deps.adapter ? PRESENCE_SWEEP_MS : undefined));
  const stopSessionSweep = startSessionSweep(nsp.agents, services, logger, deps.sessionSweepMs);
  const stopRetention = deps.retentionDays
    ? startRetention({
        erasure: services.erasure,
        clock: services.clock,
        days: deps.retentionDays,
        logger,
        ...(deps.retentionSweepMs ? { everyMs: deps.retentionSweepMs } : {}),
      })
    : () => undefined;
  const stopBroadcaster = startBroadcaster(io, services, logger);
  const stopRouting = services.routing.start(services.events);
  const stopReports = startReports({ services, reports: services.reports, logger, mailer: deps.mailer });
  const stopFollowUp = deps.mailer
    ? services.startFollowUp({
        mailer: deps.mailer,
        logger,
        delayMs: deps.followUpDelayMs,
        isVisitorOnline: async (visitorId) =>
          (await nsp.visitors.in(rooms.visitor(visitorId)).fetchSockets()).length > 0,
        fileLink,
      })
    : () => undefined;

  const stopAgentEmail = deps.mailer
    ? startAgentEmailAlerts({
        events: services.events,
        mailer: deps.mailer,
        logger,
        agents: () => services.agents.list(),
        preferences: (id) => services.preferences.get(id),
        availability: async () => ({
          agentsOnline: (await services.routing.availability()).agentsOnline,
          waitTargetSeconds: (await services.settings.get()).routing.waitTargetSeconds,
        }),
        consoleUrl: publicUrl,
      })
    : () => undefined;

  return {
    http,
    io,
    close: async () => {
      stopBroadcaster();
      stopRouting();
      stopReports();
      presence.stop();
      stopSessionSweep();
      stopRetention();
      stopTranscriptSweep();
      stopFollowUp();
      stopAgentEmail();
      // io.close() disconnects every socket and closes the HTTP server, which waits for in-flight requests.
      const closed = new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
      http.closeIdleConnections();
      await closed;
    },
  };
}
