import pino, { type Logger } from 'pino';

export type { Logger };

/** Fields that must never reach a log line: message bodies, emails, tokens, passwords. */
const REDACT = [
  'text',
  'body',
  'email',
  'password',
  'token',
  'cookie',
  '*.text',
  '*.body',
  '*.email',
  '*.password',
  '*.token',
  'req.headers.cookie',
  'req.headers.authorization',
];

/** The root logger; modules take `logger.child({ module })` from what they are given. */
export function createLogger(level: string = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'parley' } },
    destination,
  );
}

/** A logger that writes nothing, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
