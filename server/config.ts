import { resolve } from 'node:path';
import { z } from 'zod';

/** Validated configuration; read from the environment once, in main.ts. */
export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  kbDir: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  allowedOrigins: string[];
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  /** The first admin's display name (PARLEY_ADMIN_NAME); editable later under Your account. */
  adminName: string | undefined;
  /** MAIL_FROM: who emails come from; unset, `Parley <no-reply@parley.local>`. */
  mailFrom: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** HMAC secret for identify({ email, hash }); unset means identities are never marked verified. */
  identitySecret: string | undefined;
  smtpUrl: string | undefined;
  /** Bearer token for GET /metrics (unset: only scrapes from this machine itself). */
  metricsToken: string | undefined;
  /** Conversations closed more than this many days ago are erased with their files (unset: kept). */
  retentionDays: number | undefined;
  /** Attachments: limits, the signed-URL secret, and S3 when a bucket is named (the local disk otherwise). */
  attachments: {
    maxFileBytes: number;
    maxConversationBytes: number;
    urlSecret: string | undefined;
    urlTtlSeconds: number;
    s3: { bucket: string; endpoint?: string; region?: string; prefix?: string } | undefined;
    /** Optional virus scan of every upload: clamd's address, or a command reading the file on stdin. */
    virusScan: { clamd?: string | undefined; command?: string | undefined };
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const origin = z.string().refine((s) => {
  if (s === '*') return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s.replace(/\/$/, '');
  } catch {
    return false;
  }
}, 'each entry must be an origin like https://shop.example.com (scheme://host[:port], no path, no *)');

const schema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL like https://help.example.com' })
    .optional(),
  KB_DIR: z.string().min(1).default('./knowledge-base'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a PostgreSQL URL like postgres://user:pass@host:5432/db')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'must be a Redis URL like redis://127.0.0.1:6379')
    .optional(),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim().replace(/\/$/, ''))
        .filter(Boolean),
    )
    .pipe(z.array(origin)),
  PARLEY_ADMIN_EMAIL: z.email('must be an email address').optional(),
  PARLEY_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  PARLEY_ADMIN_NAME: z.string().trim().min(1).max(120).optional(),
  /** The sender of every email: `Northwind Help <help@northwind.example>` or a bare address. */
  MAIL_FROM: z
    .string()
    .trim()
    .max(320)
    .regex(
      /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
      'must be an address, or a name and <address>',
    )
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PARLEY_IDENTITY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/\S+$/, 'must be an SMTP URL like smtp://user:pass@host:587')
    .optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  PARLEY_ATTACHMENT_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1024 * 1024),
  PARLEY_ATTACHMENT_MAX_CONVERSATION_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  PARLEY_FILE_URL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PARLEY_FILE_URL_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86400)
    .default(3600),
  PARLEY_FILES_S3_BUCKET: z.string().min(3).optional(),
  PARLEY_FILES_S3_ENDPOINT: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  PARLEY_FILES_S3_REGION: z.string().min(1).optional(),
  PARLEY_FILES_S3_PREFIX: z.string().optional(),
  PARLEY_VIRUS_SCAN_CLAMD: z
    .string()
    .regex(/^(tcp:\/\/[^/\s]+|(unix:)?\/\S+)$/, 'must be tcp://host:port or a Unix socket path')
    .optional(),
  PARLEY_VIRUS_SCAN_COMMAND: z.string().trim().min(1).optional(),
  PARLEY_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).optional(),
});

/** Parses the environment; throws ConfigError naming every bad variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(clean);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (i) => `${String(i.path[0])}: ${i.message} (got ${JSON.stringify(clean[String(i.path[0])])})`,
      ),
    );
  }
  const e = parsed.data;
  if ((e.PARLEY_ADMIN_EMAIL === undefined) !== (e.PARLEY_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(['PARLEY_ADMIN_EMAIL and PARLEY_ADMIN_PASSWORD: set both or neither']);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    kbDir: resolve(e.KB_DIR),
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    allowedOrigins: e.ALLOWED_ORIGINS,
    adminEmail: e.PARLEY_ADMIN_EMAIL,
    adminPassword: e.PARLEY_ADMIN_PASSWORD,
    adminName: e.PARLEY_ADMIN_NAME,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    identitySecret: e.PARLEY_IDENTITY_SECRET,
    smtpUrl: e.SMTP_URL,
    metricsToken: e.METRICS_TOKEN,
    retentionDays: e.PARLEY_RETENTION_DAYS,
    attachments: {
      maxFileBytes: e.PARLEY_ATTACHMENT_MAX_FILE_BYTES,
      maxConversationBytes: e.PARLEY_ATTACHMENT_MAX_CONVERSATION_BYTES,
      urlSecret: e.PARLEY_FILE_URL_SECRET,
      urlTtlSeconds: e.PARLEY_FILE_URL_TTL_SECONDS,
      s3: e.PARLEY_FILES_S3_BUCKET
        ? {
            bucket: e.PARLEY_FILES_S3_BUCKET,
            ...(e.PARLEY_FILES_S3_ENDPOINT ? { endpoint: e.PARLEY_FILES_S3_ENDPOINT } : {}),
            ...(e.PARLEY_FILES_S3_REGION ? { region: e.PARLEY_FILES_S3_REGION } : {}),
            ...(e.PARLEY_FILES_S3_PREFIX ? { prefix: e.PARLEY_FILES_S3_PREFIX } : {}),
          }
        : undefined,
      virusScan: { clamd: e.PARLEY_VIRUS_SCAN_CLAMD, command: e.PARLEY_VIRUS_SCAN_COMMAND },
    },
  };
}
